import { createCipheriv, hkdfSync } from 'node:crypto';

/** An independent sealer written straight from CRYPTO.md §6 with node:crypto, to cross-check the WebCrypto code. */
export function oracleSeal(ck: Uint8Array, fileId: string, contentId: string, plaintext: Uint8Array, c: number, salt: Uint8Array, prefix: Uint8Array): Buffer {
  const key = Buffer.from(hkdfSync('sha256', ck, salt, `coffer/v1/stream|${fileId}|${contentId}`, 32));
  const p = c - 16;
  const n = Math.max(1, Math.ceil(plaintext.length / p));
  const size = Buffer.alloc(4);
  size.writeUInt32BE(c);
  const parts: Buffer[] = [Buffer.from('COFS'), Buffer.of(1), size, Buffer.from(salt), Buffer.from(prefix)];
  for (let i = 0; i < n; i++) {
    const nonce = Buffer.alloc(12);
    Buffer.from(prefix).copy(nonce);
    nonce.writeUInt32BE(i, 7);
    nonce[11] = i === n - 1 ? 1 : 0;
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    parts.push(cipher.update(plaintext.subarray(i * p, Math.min((i + 1) * p, plaintext.length))), cipher.final(), cipher.getAuthTag());
  }
  return Buffer.concat(parts);
}


