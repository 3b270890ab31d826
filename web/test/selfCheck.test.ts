import { describe, expect, it } from 'vitest';
import { SELF_CHECK_EXPECTED, selfCheck, selfCheckValues } from '../src/app/selfCheck';
import { oracleSeal } from './nodeOracle';
import { sealBytes } from '../src/crypto';
import { pseudoRandom, readJson } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any -- plain JSON */
type Json = any;

describe('the page self-check', () => {
  it('pins exactly the values of the shared vector files', () => {
    const stream = (readJson('stream.json') as Json).cases.find((c: Json) => c.name === 'several-segments');
    const account = (readJson('account.json') as Json).cases.find((c: Json) => c.name === 'nfd-password');
    const box = (readJson('boxes.json') as Json).cases.find((c: Json) => c.name === 'owner-file-key');
    expect(SELF_CHECK_EXPECTED).toEqual({
      streamCiphertextSha256: stream.ciphertextSha256,
      authKey: account.authKey,
      wrappedAccountKey: account.wrappedAccountKey,
      ownerFileKeyBox: box.box,
    });
    expect(account.password.normalize('NFD')).toBe('Cafe\u0301 pa\u0308sswo\u0308rd \u2615');
  });

  it('passes in Node', async () => {
    expect(await selfCheckValues()).toEqual(SELF_CHECK_EXPECTED);
    expect(await selfCheck()).toBe(true);
  });

  it('the WebCrypto sealer matches an independent node:crypto sealer for many lengths and segment sizes', async () => {
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
