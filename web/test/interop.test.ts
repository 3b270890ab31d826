import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobSealer, fromBase64Url, fromHex, openBytes, randomBytes, sha256, toBase64Url, toHex } from '../src/crypto';
import { readJson, vectorsDir } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- plain JSON fixtures */
type Fixture = any;

/** plaintext[i] = (31·i + 7) mod 256, the formula both interop files use. */
const interopPlaintext = (length: number) => Uint8Array.from({ length }, (_, i) => (31 * i + 7) & 0xff);

async function openFixture(f: Fixture) {
  const ciphertext = fromBase64Url(f.ciphertext);
  expect(toHex(await sha256(ciphertext))).toBe(f.ciphertextSha256);
  const plaintext = await openBytes(ciphertext, { contentKey: fromHex(f.contentKey), fileId: f.fileId, contentId: f.contentId });
  expect(plaintext).toHaveLength(f.plaintextLength);
  expect(toHex(await sha256(plaintext))).toBe(f.plaintextSha256);
  expect(plaintext).toEqual(interopPlaintext(f.plaintextLength));
  expect(new DataView(ciphertext.buffer).getUint32(5)).toBe(f.segmentSize);
}

describe('interop', () => {
  it('opens every stream the C# library sealed (cs-sealed.json)', async () => {
    const file = readJson('interop/cs-sealed.json') as Fixture;
    expect(file.fixtures.length).toBeGreaterThan(0);
    for (const f of file.fixtures) await openFixture(f);
  });

  it('ts-sealed.json (for the C# side) opens here too and is multi-segment', async () => {
    const file = readJson('interop/ts-sealed.json') as Fixture;
    expect(file.producer).toBe('Coffer web (TypeScript, WebCrypto)');
    for (const f of file.fixtures) await openFixture(f);
    expect(file.fixtures.some((f: Fixture) => f.segmentSize === 4096 && f.plaintextLength > 4 * 4080)).toBe(true);
  });

  // Regenerates the committed file: INTEROP_WRITE=1 npx vitest run test/interop.test.ts
  it.runIf(process.env.INTEROP_WRITE === '1')('writes ts-sealed.json with random keys, salt and prefix', async () => {
    const fixtures = [];
    for (const [segmentSize, plaintextLength] of [
      [64, 300],
      [4096, 20000],
    ] as const) {
      const plaintext = interopPlaintext(plaintextLength);
      const contentKey = randomBytes(32);
      const fileId = crypto.randomUUID();
      const contentId = crypto.randomUUID();
      const sealer = await BlobSealer.create(new Blob([plaintext]), { contentKey, fileId, contentId }, { segmentSize });
      const ciphertext = await sealer.sealRange(0, sealer.ciphertextLength);
      fixtures.push({
        name: `segment-${segmentSize}-plaintext-${plaintextLength}`,
        contentKey: toHex(contentKey),
        fileId,
        contentId,
        segmentSize,
        plaintextLength,
        plaintextSha256: toHex(await sha256(plaintext)),
        ciphertextSha256: toHex(await sha256(ciphertext)),
        ciphertext: toBase64Url(ciphertext),
      });
    }
    const doc = {
      description:
        'Sealed by the web app (TypeScript, WebCrypto: web/src/crypto) with random salt and nonce prefix. plaintext[i] = (31·i + 7) mod 256; open ciphertext (base64url) and compare SHA-256 of the plaintext. Same shape as cs-sealed.json.',
      producer: 'Coffer web (TypeScript, WebCrypto)',
      fixtures,
    };
    writeFileSync(join(vectorsDir, 'interop/ts-sealed.json'), JSON.stringify(doc, null, 2) + '\n');
    expect(existsSync(join(vectorsDir, 'interop/ts-sealed.json'))).toBe(true);
  });
});
