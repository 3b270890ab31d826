import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/http';
import { isFatalLinkError, LINK_TOKEN_HEADER, recipientMessage, RecipientApi } from '../../src/api/recipient';

interface Seen {
  url: string;
  init: RequestInit;
}

function stub(respond: (url: string, init: RequestInit) => Response) {
  const seen: Seen[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), init: init ?? {} });
    return respond(String(input), init ?? {});
  }) as typeof fetch;
  return { seen, fetcher };
}

const problem = (status: number, errorCode: string, detail = 'd') =>
  new Response(JSON.stringify({ status, errorCode, detail, title: 't' }), { status, headers: { 'Content-Type': 'application/problem+json' } });

describe('recipient API client', () => {
  it('sends the link token header on every request and never the secret', async () => {
    const { seen, fetcher } = stub(() => new Response(JSON.stringify({ linkId: 'L', requireEmail: true }), { headers: { 'Content-Type': 'application/json' } }));
    const api = new RecipientApi('EBESExQVFhcYGRobHB0eHw', 'token-value', fetcher);
    expect(await api.gate()).toMatchObject({ requireEmail: true });
    await api.requestCode('bob@example.com');
    await api.openSession('bob@example.com', '123456');
    expect(seen.map((s) => `${s.init.method} ${s.url}`)).toEqual([
      'GET /api/l/EBESExQVFhcYGRobHB0eHw/gate',
      'POST /api/l/EBESExQVFhcYGRobHB0eHw/verification',
      'POST /api/l/EBESExQVFhcYGRobHB0eHw/session',
    ]);
    for (const s of seen) expect((s.init.headers as Record<string, string>)[LINK_TOKEN_HEADER]).toBe('token-value');
    expect(JSON.parse(seen[2]!.init.body as string)).toEqual({ email: 'bob@example.com', code: '123456', client: 'browser' });
    expect(seen.every((s) => s.init.credentials === 'same-origin')).toBe(true);
  });

  it('builds the content and upload addresses with the purpose', () => {
    const api = new RecipientApi('abc', 't', stub(() => new Response()).fetcher);
    expect(api.contentUrl(3, 'preview')).toBe('/api/l/abc/versions/3/content?purpose=preview');
    expect(api.uploadsEndpoint()).toBe('/api/l/abc/uploads');
  });

  it('turns problems into ApiErrors with the error code, and maps each to a sentence', async () => {
    const api = new RecipientApi('abc', 't', stub(() => problem(410, 'link-expired')).fetcher);
    const error = await api.info().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 410, errorCode: 'link-expired' });
    expect(isFatalLinkError(error)).toBe(true);
    expect(recipientMessage(error)).toMatch(/expired/);
    expect(recipientMessage(new ApiError(400, 'invalid-code', ''))).toMatch(/wrong, expired or used up/);
    expect(recipientMessage(new ApiError(403, 'link-suspended', ''))).toMatch(/organization/);
    expect(recipientMessage(new ApiError(404, 'link-not-found', ''))).toMatch(/copied the whole address/);
    expect(recipientMessage(new ApiError(404, 'link-not-found', ''))).not.toMatch(/revoked/);
    expect(recipientMessage(new ApiError(410, 'link-revoked', ''))).toBe('The owner revoked this link. Ask them for a new one.');
    expect(isFatalLinkError(new ApiError(410, 'link-revoked', ''))).toBe(true);
    expect(recipientMessage(new ApiError(500, 'internal-error', 'Boom.'))).toBe('Boom.');
    expect(isFatalLinkError(new ApiError(400, 'invalid-code', ''))).toBe(false);
  });

  it('reports an unreachable server as network-error', async () => {
    const api = new RecipientApi('abc', 't', (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    await expect(api.versions()).rejects.toMatchObject({ errorCode: 'network-error', status: 0 });
  });

  it('opens the event stream with Last-Event-ID when resuming', async () => {
    const { seen, fetcher } = stub(() => new Response('retry: 3000\n\n', { headers: { 'Content-Type': 'text/event-stream' } }));
    const api = new RecipientApi('abc', 't', fetcher);
    await api.events('41', new AbortController().signal);
    expect((seen[0]!.init.headers as Record<string, string>)['Last-Event-ID']).toBe('41');
    expect(seen[0]!.url).toBe('/api/l/abc/events');
  });
});

describe('recipient API client against something that is not the API', () => {
  it('refuses an HTML answer where JSON was expected', async () => {
    const api = new RecipientApi('abc', 't', stub(() => new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } })).fetcher);
    await expect(api.versions()).rejects.toMatchObject({ errorCode: 'unexpected-response' });
  });
});
