import type { VersionAdded } from './liveEvents';

/** Says that someone else added a version while this page was open, with a Refresh that loads it. */
export function LiveBanner({ event, onRefresh, onDismiss }: { event: VersionAdded; onRefresh: () => void; onDismiss: () => void }) {
  return (
    <div class="live-banner" role="status" aria-live="polite" data-testid="live-banner">
      <p>
        A new version (version {event.number}) was uploaded by <strong>{event.uploader}</strong>.
      </p>
      <div class="row">
        <button type="button" class="primary" onClick={onRefresh} data-testid="live-refresh">
          Refresh
        </button>
        <button type="button" class="link" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
