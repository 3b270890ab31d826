import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/http';
import type { RecipientApi } from '../../src/api/recipient';
import { followLinkEvents, type VersionAdded } from '../../src/recipient/liveEvents';

type Answer = string | Error;

/** A stand-in for the link's events endpoint: each connection takes the next answer (a stream body that then ends, or an error). */
function fakeApi(answers: Answer[]) {
  const calls: (string | null)[] = [];
  const api = {
    events(lastEventId: string | null): Promise<Response> {
      calls.push(lastEventId);
      const answer = answers.shift();
      if (answer === undefined) return Promise.reject(new Error('no more answers in this test'));
      if (answer instanceof Error) return Promise.reject(answer);
      return Promise.resolve(new Response(answer, { headers: { 'content-type': 'text/event-stream' } }));
    },
  } as unknown as RecipientApi;
  return { api, calls };
}

const revoked = new ApiError(410, 'link-revoked', 'The owner revoked this link. Ask them for a new one.');
const opening = 'retry: 3000\n\n';
const versionTwo = 'id: 5\nevent: version-added\ndata: {"fileId":"f","number":2,"uploader":"bob@example.com","basedOn":1,"createdAt":"x"}\n\n';

describe('following the link’s events', () => {
  it('reconnects at once when the stream ends and reports a revoked link without reconnecting again', async () => {
    const { api, calls } = fakeApi([opening + versionTwo, revoked, opening]);
    const added: VersionAdded[] = [];
    const closed: unknown[] = [];
    // A long retry: the test would time out if the loop waited for it.
    await followLinkEvents(api, (e) => added.push(e), (e) => closed.push(e), new AbortController().signal, 60_000);
    expect(added.map((e) => e.number)).toEqual([2]);
    expect(closed).toEqual([revoked]);
    expect(calls).toEqual([null, '5']);
  });

  it('keeps reconnecting through network errors, then reports an expired link', async () => {
    const expired = new ApiError(410, 'link-expired', 'This link has expired.');
    const { api, calls } = fakeApi([new TypeError('Failed to fetch'), new TypeError('Failed to fetch'), expired, opening]);
    const closed: unknown[] = [];
    await followLinkEvents(api, () => {}, (e) => closed.push(e), new AbortController().signal, 1);
    expect(closed).toEqual([expired]);
    expect(calls).toHaveLength(3);
  });

  it('stops quietly on a session problem that is not a closed link', async () => {
    const { api, calls } = fakeApi([new ApiError(401, 'link-session-required', 'Verify again.'), opening]);
    const closed: unknown[] = [];
    await followLinkEvents(api, () => {}, (e) => closed.push(e), new AbortController().signal, 1);
    expect(closed).toEqual([]);
    expect(calls).toHaveLength(1);
  });
});
