import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { RecipientApi } from '../../src/api/recipient';
import { AuthenticationFailedError, sealBytes, TamperedError, type VersionMetadata } from '../../src/crypto';
import { plaintextOf, type OpenedLinkFile, type OpenedVersion } from '../../src/recipient/linkFile';
import { plaintextBlob } from '../../src/preview/previewSource';
import { pseudoRandom } from '../helpers';

const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const fileId = '3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77';
const contentId = '0b6f1a2c-3d4e-4f50-8a61-7b8c9d0e1f23';
const contentKey = pseudoRandom(32, 31);
const file: OpenedLinkFile = { fileId, extension: 'bin', fileKey: pseudoRandom(32, 32), name: 'a.bin' };
const plaintext = pseudoRandom(300, 33);

/** A version as the page holds it after openVersion, and an API whose content route serves `served`. */
async function setup(options: { served?: Uint8Array; serverHash?: string; metaSha256?: string } = {}) {
  const sealed = await sealBytes(plaintext, { contentKey, fileId, contentId }, { segmentSize: 64 });
  const meta: VersionMetadata = {
    name: 'a.bin',
    size: plaintext.length,
    sha256: options.metaSha256 ?? hash(plaintext),
    mediaType: 'application/octet-stream',
    modified: '2026-12-04T12:00:00.000Z',
    uploader: 'alice@example.com',
    ciphertextSha256: hash(sealed),
    basedOn: null,
  };
  const version = {
    number: 1,
    contentId,
    ciphertextLength: sealed.length,
    ciphertextSha256: options.serverHash ?? hash(sealed),
    createdAt: meta.modified,
    uploader: meta.uploader,
    basedOn: null,
    restoredFrom: null,
    wrappedContentKey: '',
    sealedMetadata: '',
  };
  const opened: OpenedVersion = { version, contentKey, meta, problem: null };
  const fetched: string[] = [];
  const served = options.served ?? sealed;
  const api = new RecipientApi('link', 'token', async (input) => {
    fetched.push(String(input));
    return new Response(served.slice() as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'Content-Type': 'application/octet-stream' } });
  });
  return { sealed, opened, api, fetched };
}

const read = async (stream: ReadableStream<Uint8Array<ArrayBuffer>>) => new Uint8Array(await (await plaintextBlob(stream, '')).arrayBuffer());

describe('plaintextOf (recipient downloads and previews)', () => {
  it('opens the genuine version', async () => {
    const { opened, api, fetched } = await setup();
    expect(await read(await plaintextOf(api, file, opened, 'preview'))).toEqual(plaintext);
    expect(fetched).toEqual(['/api/l/link/versions/1/content?purpose=preview']);
  });

  it('refuses before fetching when the sealed ciphertext SHA-256 is not the server’s record of the version', async () => {
    const { opened, api, fetched } = await setup({ serverHash: 'f'.repeat(64) });
    await expect(plaintextOf(api, file, opened, 'download')).rejects.toThrow(/does not match its sealed details/);
    expect(fetched).toEqual([]);
  });

  it("refuses another upload's blob of the same length served in its place (by the segment tags)", async () => {
    const other = await sealBytes(pseudoRandom(300, 34), { contentKey: pseudoRandom(32, 35), fileId, contentId: fileId }, { segmentSize: 64 });
    const { sealed, opened, api } = await setup({ served: other });
    expect(other.length).toBe(sealed.length);
    await expect(read(await plaintextOf(api, file, opened, 'download'))).rejects.toBeInstanceOf(AuthenticationFailedError);
  });

  it('refuses a served blob with one altered byte', async () => {
    const { sealed } = await setup();
    const bad = sealed.slice();
    bad[200]! ^= 0x80;
    const { opened, api } = await setup({ served: bad });
    await expect(read(await plaintextOf(api, file, opened, 'preview'))).rejects.toBeInstanceOf(AuthenticationFailedError);
  });

  it('refuses content whose plaintext SHA-256 is not the sealed one (a lying uploader)', async () => {
    const { opened, api } = await setup({ metaSha256: 'a'.repeat(64) });
    await expect(read(await plaintextOf(api, file, opened, 'download'))).rejects.toBeInstanceOf(TamperedError);
  });
});
