import { ApiError } from '../api/http';
import { isFatalLinkError, type RecipientApi } from '../api/recipient';
import { EventStreamParser } from './serverSentEvents';

/** The data of a version-added event. */
export interface VersionAdded {
  fileId: string;
  number: number;
  uploader: string;
  basedOn: number | null;
  createdAt: string;
}

/**
 * Follows the link's event stream until `signal` aborts: a fetch (EventSource cannot send the link token header) read as
 * text/event-stream, reconnecting with Last-Event-ID after a drop so no event is missed. The server ends the stream when the
 * link is revoked, expires or is suspended, so an ended stream is reconnected at once to learn why; a fatal link problem goes
 * to `onLinkClosed` and ends the loop. Other client errors (e.g. the session ended) stop quietly; network errors retry.
 */
export async function followLinkEvents(
  api: RecipientApi,
  onVersionAdded: (event: VersionAdded) => void,
  onLinkClosed: (error: unknown) => void,
  signal: AbortSignal,
  retryMs = 3000,
): Promise<void> {
  const parser = new EventStreamParser();
  let reconnectedAtOnce = false;
  while (!signal.aborted) {
    let ended = false;
    try {
      const response = await api.events(parser.lastEventId, signal);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let chunks = 0;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        // Past the opening chunk the stream has lived (heartbeats, events): it earns another immediate reconnect.
        if (++chunks > 1) reconnectedAtOnce = false;
        for (const event of parser.push(value)) {
          if (event.event === 'version-added') onVersionAdded(JSON.parse(event.data) as VersionAdded);
        }
      }
      ended = true;
    } catch (error) {
      if (signal.aborted) return;
      if (isFatalLinkError(error)) return onLinkClosed(error);
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) return;
    }
    // One immediate reconnect after an ended stream; a server that keeps ending streams at once is retried at the normal pace.
    if (ended && !reconnectedAtOnce) {
      reconnectedAtOnce = true;
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}
