import { describe, expect, it } from 'vitest';
import { percent, uploadsReducer, type UploadEntry } from '../../src/owner/files/uploadQueue';

describe('uploads panel state', () => {
  it('tracks progress forward only, then done', () => {
    let s: UploadEntry[] = uploadsReducer([], { type: 'added', id: 'a', name: 'a.pdf', total: 100 });
    expect(s[0]).toMatchObject({ stage: 'waiting', sent: 0 });
    s = uploadsReducer(s, { type: 'progress', id: 'a', stage: 'sending', sent: 60, total: 200 });
    s = uploadsReducer(s, { type: 'progress', id: 'a', stage: 'sending', sent: 40, total: 200 }); // a retried chunk
    expect(s[0]).toMatchObject({ sent: 60, total: 200 });
    expect(percent(s[0]!)).toBe(30);
    s = uploadsReducer(s, { type: 'done', id: 'a' });
    expect(percent(s[0]!)).toBe(100);
    // Late progress events do not revive a finished upload.
    s = uploadsReducer(s, { type: 'progress', id: 'a', stage: 'sending', sent: 10, total: 200 });
    expect(s[0]!.stage).toBe('done');
  });

  it('keeps failures with their message, and clears only finished entries', () => {
    let s = uploadsReducer([], { type: 'added', id: 'a', name: 'a', total: 1 });
    s = uploadsReducer(s, { type: 'added', id: 'b', name: 'b', total: 1 });
    s = uploadsReducer(s, { type: 'added', id: 'c', name: 'c', total: 1 });
    s = uploadsReducer(s, { type: 'failed', id: 'a', error: 'The upload failed.' });
    s = uploadsReducer(s, { type: 'done', id: 'b' });
    expect(s.find((e) => e.id === 'a')).toMatchObject({ stage: 'failed', error: 'The upload failed.' });
    expect(uploadsReducer(s, { type: 'cleared' }).map((e) => e.id)).toEqual(['c']);
    expect(uploadsReducer(s, { type: 'dismissed', id: 'c' }).map((e) => e.id)).toEqual(['a', 'b']);
  });
});
