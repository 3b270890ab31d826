import { describe, expect, it } from 'vitest';
import { SELF_CHECK_EXPECTED, selfCheck, selfCheckDigests } from '../src/app/selfCheck';
import { oracleSeal, oracleWrap, sha256Hex } from './nodeOracle';
import { sealBytes } from '../src/crypto';
import { pseudoRandom } from './helpers';

const fill = (length: number, start: number) => Uint8Array.from({ length }, (_, i) => (start + i * 7) & 0xff);

describe('the page self-check', () => {
  it('pins digests that an independent node:crypto sealer reproduces', () => {
    const sealed = oracleSeal(fill(32, 1), '3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77', '0b6f1a2c-3d4e-4f50-8a61-7b8c9d0e1f23', fill(100, 9), 64, fill(32, 3), fill(7, 5));
    const wrapped = oracleWrap(fill(32, 2), 'coffer/v1/wrap/file-key/owner|3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77', fill(32, 4), fill(12, 6));
    expect({ stream: sha256Hex(sealed), wrapped: sha256Hex(wrapped) }).toEqual(SELF_CHECK_EXPECTED);
  });

  it('passes in Node', async () => {
    expect(await selfCheckDigests()).toEqual(SELF_CHECK_EXPECTED);
    expect(await selfCheck()).toBe(true);
  });

  it('the WebCrypto sealer matches the oracle for many lengths and segment sizes', async () => {
    const binding = { contentKey: pseudoRandom(32, 1), fileId: 'f', contentId: 'c' };
    for (const c of [64, 100, 4096]) {
      for (const length of [0, 1, c - 16, c - 15, 2 * (c - 16), 5000]) {
        const plaintext = pseudoRandom(length, length + c);
        const options = { segmentSize: c, salt: pseudoRandom(32, 2), noncePrefix: pseudoRandom(7, 3) };
        const ours = await sealBytes(plaintext, binding, options);
        expect(Buffer.from(ours)).toEqual(oracleSeal(binding.contentKey, 'f', 'c', plaintext, c, options.salt, options.noncePrefix));
      }
    }
  });
});
