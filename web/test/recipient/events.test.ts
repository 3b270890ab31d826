import { describe, expect, it } from 'vitest';
import { EventStreamParser } from '../../src/recipient/serverSentEvents';

describe('text/event-stream parser', () => {
  it('parses the server’s events split anywhere, skipping retry and heartbeat comments', () => {
    const wire =
      'retry: 3000\n\n: heartbeat\n\nid: 7\nevent: version-added\ndata: {"number":2,"uploader":"bob@example.com"}\n\n' +
      'id: 8\r\nevent: version-added\r\ndata: {"number":3}\r\n\r\n';
    for (const size of [1, 3, 7, wire.length]) {
      const parser = new EventStreamParser();
      const events = [];
      for (let i = 0; i < wire.length; i += size) events.push(...parser.push(wire.slice(i, i + size)));
      expect(events).toEqual([
        { id: '7', event: 'version-added', data: '{"number":2,"uploader":"bob@example.com"}' },
        { id: '8', event: 'version-added', data: '{"number":3}' },
      ]);
      expect(parser.lastEventId).toBe('8');
    }
  });

  it('joins multi-line data and defaults the event name to message', () => {
    const parser = new EventStreamParser();
    expect(parser.push('data: a\ndata:b\n\n')).toEqual([{ id: null, event: 'message', data: 'a\nb' }]);
    expect(parser.lastEventId).toBeNull();
  });
});
