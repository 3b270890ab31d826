import { describe, expect, it } from 'vitest';
import { RecipientApi } from '../../src/api/recipient';
import { appendPage, olderCount, pageQuery } from '../../src/api/versions';

describe('paged version lists', () => {
  it('asks for a page with before and limit only when given', async () => {
    const urls: string[] = [];
    const fetcher = (async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ versions: [], latest: 0, hiddenCount: 0, availableCount: 0, nextBefore: null }), {
        headers: { 'Content-Type': 'application/json' },
      });
    }) as typeof fetch;
    const api = new RecipientApi('abc', 't', fetcher);
    await api.versions();
    await api.versions(5000);
    await api.versions(null, 1);
    await api.versions(12, 200);
    expect(urls).toEqual(['/api/l/abc/versions', '/api/l/abc/versions?before=5000', '/api/l/abc/versions?limit=1', '/api/l/abc/versions?before=12&limit=200']);
    expect(pageQuery()).toBe('');
  });

  it('counts the older available versions from the cursor and the window', () => {
    // Enterprise: 10 000 versions, the first page shows 10 000…9 951.
    expect(olderCount({ latest: 10_000, availableCount: 10_000, nextBefore: 9_951 })).toBe(9_950);
    // A window of 100 (versions 9 901…10 000), the first page of 50.
    expect(olderCount({ latest: 10_000, availableCount: 100, nextBefore: 9_951 })).toBe(50);
    expect(olderCount({ latest: 60, availableCount: 60, nextBefore: null })).toBe(0);
  });

  it('appends the next page after what is shown, never twice, taking its cursor', () => {
    const shown = [{ number: 9 }, { number: 8 }, { number: 7 }];
    const page = { versions: [{ number: 7 }, { number: 6 }, { number: 5 }], latest: 9, hiddenCount: 0, availableCount: 9, nextBefore: 5 };
    const merged = appendPage(shown, page, (v) => v.number);
    expect(merged.versions.map((v) => v.number)).toEqual([9, 8, 7, 6, 5]);
    expect(merged.nextBefore).toBe(5);
    expect(shown).toHaveLength(3);
  });
});
