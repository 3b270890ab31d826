import { openBytes, sealBytes, sha256, toHex, unwrapOwnerFileKey, wrapOwnerFileKey } from '../crypto';

/**
 * A known answer run in whatever engine loads the page: a three-segment sealed stream and a wrapped key with fixed
 * inputs must hash to the values the Vitest suite pins (which in turn pass the shared vectors), so a browser whose
 * WebCrypto disagrees with Node's is caught by the browser tests.
 */
export const SELF_CHECK_EXPECTED = {
  stream: 'ca8e87f87f7865f76d39c8eee7817dce4002087e7957e1793f8705e788c2fd26',
  wrapped: 'ee11eee8e50c2389ee3f4f6976e0e5da597a0e5cd9a86106f56c00e690c5fe74',
};

const fill = (length: number, start: number) => Uint8Array.from({ length }, (_, i) => (start + i * 7) & 0xff);

export async function selfCheckDigests(): Promise<{ stream: string; wrapped: string }> {
  const binding = { contentKey: fill(32, 1), fileId: '3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77', contentId: '0b6f1a2c-3d4e-4f50-8a61-7b8c9d0e1f23' };
  const plaintext = fill(100, 9);
  const sealed = await sealBytes(plaintext, binding, { segmentSize: 64, salt: fill(32, 3), noncePrefix: fill(7, 5) });
  const opened = await openBytes(sealed, binding);
  if (toHex(opened) !== toHex(plaintext)) throw new Error('The sealed stream did not open to its plaintext.');
  const wrapped = await wrapOwnerFileKey(fill(32, 2), binding.fileId, fill(32, 4), fill(12, 6));
  if (toHex(await unwrapOwnerFileKey(fill(32, 2), binding.fileId, wrapped)) !== toHex(fill(32, 4))) throw new Error('The key did not unwrap.');
  return { stream: toHex(await sha256(sealed)), wrapped: toHex(await sha256(wrapped)) };
}

export async function selfCheck(): Promise<boolean> {
  const digests = await selfCheckDigests();
  return digests.stream === SELF_CHECK_EXPECTED.stream && digests.wrapped === SELF_CHECK_EXPECTED.wrapped;
}
