import { useState } from 'preact/hooks';
import { links as linksApi, type Link } from '../../api/owner';
import { CopyLinkButton } from '../share/CopyLinkButton';
import { LinkOptionsFields } from '../share/LinkOptionsFields';
import { rememberedLinkUrl } from '../share/linkMemory';
import { formOfLink, toUpdateRequest, validate } from '../share/linkOptions';
import { ErrorNote, formatDate, useAction } from '../ui';
import { AccessLogPanel } from './AccessLogPanel';
import { unnamedFileLabel } from './fileLabel';

export const statusText: Record<Link['status'], string> = {
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
  exhausted: 'Open limit reached',
  suspended: 'Suspended by your organization (downloads are disabled)',
};

/** One link with its badge, status and options; expands to edit options or to show the access log. */
export function LinkRow(props: { link: Link; fileName: string | null | undefined; showCreator: boolean; onChanged: (l: Link | null) => void }) {
  const { link } = props;
  const [panel, setPanel] = useState<'options' | 'log' | null>(null);
  const [form, setForm] = useState(() => formOfLink(link, new Date()));
  const action = useAction();
  const url = rememberedLinkUrl(link.id);
  const problems = validate(form);
  const name = props.fileName === undefined ? unnamedFileLabel(link.fileId, link.fileExtension) : (props.fileName ?? '(name cannot be decrypted)');

  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const updated = await linksApi.update(link, toUpdateRequest(link, form, new Date()));
      props.onChanged(updated);
      setPanel(null);
    });
  };

  const revoke = () => {
    if (!confirm(`Revoke the link to “${name}”? Recipients lose access at once; the access log is kept.`)) return;
    void action.run(async () => {
      await linksApi.revoke(link.id);
      props.onChanged(null);
    });
  };

  return (
    <li class="link-row" data-testid="link-row" data-link-id={link.id} data-status={link.status}>
      <div class="link-head">
        {link.cooperative ? (
          <span class="badge coop" data-testid="coop-badge">
            Cooperative
          </span>
        ) : (
          <span class="badge">View only</span>
        )}
        <span class="name">{name}</span>
        <span class={`status ${link.status}`}>{statusText[link.status]}</span>
      </div>
      <p class="meta muted">
        Created {formatDate(link.createdAt)}
        {props.showCreator && ` by ${link.creatorEmail}`} · {link.expiresAt ? `expires ${formatDate(link.expiresAt)}` : 'no expiry'} · opened {link.openCount}
        {link.openLimit !== null && ` of ${link.openLimit}`} times{link.accessLog ? '' : ' · no access log'}
        {link.requireEmail ? ' · email verified' : ''}
        {link.disableDownload ? ' · no download' : ''}
        {link.watermark ? ' · watermark' : ''}
      </p>
      <div class="row">
        {url && <CopyLinkButton url={url} />}
        {link.status !== 'revoked' && (
          <button type="button" aria-expanded={panel === 'options'} onClick={() => setPanel(panel === 'options' ? null : 'options')}>
            Options
          </button>
        )}
        <button type="button" aria-expanded={panel === 'log'} onClick={() => setPanel(panel === 'log' ? null : 'log')}>
          Access log
        </button>
        {link.status !== 'revoked' && (
          <button type="button" class="danger" onClick={revoke}>
            Revoke
          </button>
        )}
      </div>
      <ErrorNote error={action.error} />
      {panel === 'options' && (
        <form class="stack" onSubmit={save}>
          <LinkOptionsFields form={form} onChange={setForm} idPrefix={`opt-${link.id}`} />
          {problems.map((p) => (
            <p class="error-note" role="alert" key={p}>
              {p}
            </p>
          ))}
          <button type="submit" class="primary" disabled={action.busy || problems.length > 0}>
            Save options
          </button>
        </form>
      )}
      {panel === 'log' && <AccessLogPanel link={link} />}
    </li>
  );
}
