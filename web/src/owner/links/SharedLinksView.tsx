import { useEffect, useState } from 'preact/hooks';
import { links as linksApi, type Link } from '../../api/owner';
import { ErrorNote } from '../ui';
import { LinkRow } from './LinkRow';
import { useFileNames } from './useFileNames';

/** Every link the owner created, newest first; cooperative links carry a badge. */
export function SharedLinksView({ accountKey }: { accountKey: Uint8Array }) {
  const [links, setLinks] = useState<Link[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const names = useFileNames(accountKey);

  const load = () => linksApi.list().then(setLinks, setError);
  useEffect(() => void load(), []);

  return (
    <section class="card" data-testid="links-view">
      <h1>Shared links</h1>
      <ErrorNote error={error} />
      {!links && !error && <p class="muted">Loading…</p>}
      {links && links.length === 0 && <p class="empty">No links yet. Share a file from your files to create one.</p>}
      {links && links.length > 0 && (
        <ul class="links" aria-label="Shared links">
          {links.map((link) => (
            <LinkRow
              key={`${link.id}-${link.revision}-${link.status}`}
              link={link}
              fileName={names.has(link.fileId) ? names.get(link.fileId)! : undefined}
              showCreator={false}
              onChanged={(updated) => (updated ? setLinks(links.map((l) => (l.id === updated.id ? updated : l))) : void load())}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
