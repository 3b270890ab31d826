import { useState } from 'preact/hooks';
import type { Account, FileItem, Link } from '../../api/owner';
import { Dialog, ErrorNote, useAction } from '../ui';
import { createLink } from './createLink';
import { LinkOptionsFields } from './LinkOptionsFields';
import { applyPermission, defaultForm, mailtoHref, validate } from './linkOptions';
import { CopyLinkButton } from './CopyLinkButton';

/** Share one file: choose what recipients may do and the options, create the link, then copy it or email it. */
export function ShareDialog(props: { account: Account; accountKey: Uint8Array; file: FileItem; fileName: string | null; onClose: () => void }) {
  const cooperativeAllowed = props.account.limits.cooperativeLinks;
  const [form, setForm] = useState(() => defaultForm(cooperativeAllowed ? 'modify' : 'access'));
  const [created, setCreated] = useState<{ link: Link; url: string } | null>(null);
  const action = useAction();
  const problems = validate(form);

  const submit = (e: Event) => {
    e.preventDefault();
    if (problems.length > 0) return;
    void action.run(async () => setCreated(await createLink(props.accountKey, props.file, form)));
  };

  return (
    <Dialog title={`Share “${props.fileName ?? 'unnamed file'}”`} onClose={props.onClose} testId="share-dialog">
      {created ? (
        <div class="stack" data-testid="link-created">
          <p>
            {created.link.cooperative ? <span class="badge coop">Cooperative</span> : <span class="badge">View only</span>} Link created.
          </p>
          <label for="share-url">Link</label>
          <input id="share-url" data-testid="share-url" readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} />
          <div class="row">
            <CopyLinkButton url={created.url} />
            <a class="button" href={mailtoHref(created.url, props.fileName, created.link.cooperative)} data-testid="send-by-email">
              Send by email
            </a>
          </div>
          <p class="notice">
            Save or send this link now. The part after # is the file's key: it never reaches the server, so Coffer cannot show the link again after
            you close this page.
          </p>
          <button type="button" onClick={props.onClose}>
            Done
          </button>
        </div>
      ) : (
        <form class="stack" onSubmit={submit}>
          <fieldset class="permission">
            <legend>People with the link</legend>
            <div class="option">
              <input
                id="perm-access"
                type="radio"
                name="permission"
                checked={form.permission === 'access'}
                onChange={() => setForm(applyPermission(form, 'access'))}
              />
              <label for="perm-access">Can access</label>
              <p class="hint">View and download the file.</p>
            </div>
            <div class="option">
              <input
                id="perm-modify"
                type="radio"
                name="permission"
                disabled={!cooperativeAllowed}
                checked={form.permission === 'modify'}
                aria-describedby="perm-modify-hint"
                onChange={() => setForm(applyPermission(form, 'modify'))}
              />
              <label for="perm-modify">Can modify</label>
              <p id="perm-modify-hint" class="hint">
                {cooperativeAllowed
                  ? 'A cooperative link: recipients can also upload new versions and make an older one current.'
                  : `Cooperative links are not included in the ${props.account.plan} plan.`}
              </p>
            </div>
          </fieldset>
          <LinkOptionsFields form={form} onChange={setForm} idPrefix="share" />
          {problems.map((p) => (
            <p class="error-note" role="alert" key={p}>
              {p}
            </p>
          ))}
          <ErrorNote error={action.error} />
          <button type="submit" class="primary" disabled={action.busy || problems.length > 0}>
            {action.busy ? 'Creating…' : 'Create link'}
          </button>
        </form>
      )}
    </Dialog>
  );
}
