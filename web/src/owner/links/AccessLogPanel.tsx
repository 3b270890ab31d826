import { useEffect, useState } from 'preact/hooks';
import { links as linksApi, wholeLog, type AccessLogEntry, type AccessLogVerification, type Link } from '../../api/owner';
import { ErrorNote, formatDate } from '../ui';

/** A link's access log, oldest first, with the result of the server's hash-chain check and the CSV export. */
export function AccessLogPanel({ link }: { link: Link }) {
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null);
  const [check, setCheck] = useState<AccessLogVerification | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    Promise.all([wholeLog(link.id), linksApi.verifyLog(link.id)]).then(([e, c]) => {
      setEntries(e);
      setCheck(c);
    }, setError);
  }, [link.id, link.revision, link.status]);

  return (
    <div class="access-log" data-testid="access-log">
      <div class="row">
        {check && (
          <p class={check.intact ? 'check-ok' : 'check-failed'} data-testid="chain-check" data-intact={String(check.intact)}>
            {check.intact
              ? `Chain intact: ${check.checked} event${check.checked === 1 ? '' : 's'} checked.`
              : `Chain BROKEN at event ${check.firstBrokenSequence ?? '?'}: ${check.problem ?? 'a row does not match its hash'}.`}
          </p>
        )}
        <a class="button" href={linksApi.csvPath(link.id)} download={`access-log-${link.id}.csv`}>
          Export CSV
        </a>
      </div>
      <ErrorNote error={error} />
      {entries && entries.length === 0 && <p class="empty">No events yet.</p>}
      {entries && entries.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">Access log, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Who</th>
                <th scope="col">Version</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.sequence} data-testid="log-entry" data-action={e.action}>
                  <td>{e.sequence}</td>
                  <td>{formatDate(e.at)}</td>
                  <td>{e.action}</td>
                  <td>{e.actor ?? '—'}</td>
                  <td>{e.version ?? '—'}</td>
                  <td>{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
