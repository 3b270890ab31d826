import { ApiError } from '../api/http';
import type { RecipientApi } from '../api/recipient';
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
 * text/event-stream, reconnecting with Last-Event-ID after a drop so no event is missed. Stops for good when the server
 * says the link or the session ended.
 */
export async function followLinkEvents(api: RecipientApi, onVersionAdded: (event: VersionAdded) => void, signal: AbortSignal, retryMs = 3000): Promise<void> {
  const parser = new EventStreamParser();
  while (!signal.aborted) {
    try {
      const response = await api.events(parser.lastEventId, signal);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const event of parser.push(value)) {
          if (event.event === 'version-added') onVersionAdded(JSON.parse(event.data) as VersionAdded);
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) return;
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}
