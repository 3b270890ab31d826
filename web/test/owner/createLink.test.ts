import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CreateLinkRequest, FileItem } from '../../src/api/owner';
import { fromBase64Url, linkAuthToken, newKey, parseLinkUrl, sha256, toBase64Url, unwrapFileKeyFromLink, wrapOwnerFileKey } from '../../src/crypto';
import { rememberedLinkUrl } from '../../src/owner/share/linkMemory';
import { createLink } from '../../src/owner/share/createLink';
import { defaultForm } from '../../src/owner/share/linkOptions';

afterEach(() => vi.unstubAllGlobals());

describe('creating a link', () => {
  it('sends FK wrapped for the link and only the hash of the auth token; the URL fragment carries S and opens the key', async () => {
    const accountKey = newKey();
    const fileKey = newKey();
    const fileId = '3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77';
    const file = { id: fileId, wrappedFileKey: toBase64Url(await wrapOwnerFileKey(accountKey, fileId, fileKey)) } as FileItem;
    let sent: CreateLinkRequest | null = null;
    vi.stubGlobal('location', { origin: 'https://coffer.example' });
    vi.stubGlobal('document', { cookie: 'coffer_csrf=abc' });
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent = JSON.parse(init.body as string) as CreateLinkRequest;
      expect((init.headers as Record<string, string>)['X-Coffer-Csrf']).toBe('abc');
      return new Response(JSON.stringify({ id: sent.id, cooperative: true }), { status: 201, headers: { 'Content-Type': 'application/json' } });
    });

    const { url } = await createLink(accountKey, file, defaultForm('modify'));

    const request = sent as unknown as CreateLinkRequest;
    const { linkId, secret } = parseLinkUrl(url);
    expect(url.startsWith('https://coffer.example/l/')).toBe(true);
    expect(request.id).toBe(linkId);
    expect(request.fileId).toBe(fileId);
    expect(request.permission).toBe('modify');
    expect(JSON.stringify(request)).not.toContain(url.split('#')[1]);
    expect(request.authTokenHash).toBe(toBase64Url(await sha256(await linkAuthToken(secret, linkId))));
    expect(await unwrapFileKeyFromLink(secret, linkId, fileId, fromBase64Url(request.wrappedFileKey))).toEqual(fileKey);
    expect(request).toMatchObject({ accessLog: null, requireEmail: null, disableDownload: null, watermark: null, notifyOwner: true });
    // Kept in this page's memory only, for "Copy link" in Shared Links.
    expect(rememberedLinkUrl(linkId)).toBe(url);
  });
});
