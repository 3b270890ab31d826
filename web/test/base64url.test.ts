import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from '../src/crypto/base64url';
import { InvalidEncodingError } from '../src/crypto/errors';
import { pseudoRandom } from './helpers';

describe('base64url', () => {
  it('matches the RFC 4648 test strings without padding', () => {
    const cases: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of cases) {
      expect(toBase64Url(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(fromBase64Url(encoded))).toBe(plain);
    }
  });

  it('uses the URL alphabet and agrees with Node for every length', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = pseudoRandom(n, n + 7);
      const encoded = toBase64Url(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(encoded)).toEqual(bytes);
    }
  });

  it.each(['Zg==', 'Zm 9v', 'Zm+v', 'Zm/v', 'Z', 'Zh', 'Zm9vYh', 'Zé'])('rejects %j', (bad) => {
    expect(() => fromBase64Url(bad)).toThrow(InvalidEncodingError);
  });

  it('checks an expected length', () => {
    expect(() => fromBase64Url('Zm9v', 4)).toThrow(InvalidEncodingError);
    expect(fromBase64Url('Zm9v', 3)).toHaveLength(3);
  });
});
