import { useEffect, useState } from 'preact/hooks';
import { admin, type Organization, type OrganizationPolicy } from '../api/admin';
import type { Link } from '../api/owner';
import { LinkRow } from '../owner/links/LinkRow';
import { ErrorNote, useAction } from '../owner/ui';
import { policyProblems, toPolicy, type PolicyForm, formOfPolicy } from './policyForm';

/** The organization's link policy and every link of its members, for its admins. */
export function AdminCenter() {
  const [org, setOrg] = useState<Organization | null>(null);
  const [form, setForm] = useState<PolicyForm | null>(null);
  const [saved, setSaved] = useState<OrganizationPolicy | null>(null);
  const [links, setLinks] = useState<Link[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const action = useAction();

  const loadLinks = () => admin.links().then(setLinks, setLoadError);
  useEffect(() => {
    Promise.all([admin.organization(), admin.policy()]).then(([o, p]) => {
      setOrg(o);
      setSaved(p);
      setForm(formOfPolicy(p));
    }, setLoadError);
    void loadLinks();
  }, []);

  const problems = form ? policyProblems(form) : [];
  const save = (e: Event) => {
    e.preventDefault();
    if (!form || problems.length > 0) return;
    void action.run(async () => {
      const p = await admin.putPolicy(toPolicy(form));
      setSaved(p);
      setForm(formOfPolicy(p));
      await loadLinks();
    });
  };

  return (
    <section class="card" data-testid="admin-center">
      <h1>Admin Center{org ? ` — ${org.name}` : ''}</h1>
      <ErrorNote error={loadError} />
      {form && (
        <form class="stack" onSubmit={save} data-testid="policy-form">
          <fieldset class="options">
            <legend>Link policy</legend>
            <div class="option editable">
              <input id="pol-coop" type="checkbox" checked={form.allowCooperativeLinks} onChange={(e) => setForm({ ...form, allowCooperativeLinks: e.currentTarget.checked })} />
              <label for="pol-coop">Allow cooperative links</label>
              <p class="hint">Members may create links that let recipients upload new versions. Blocking stops new ones; existing links keep working.</p>
            </div>
            <div class="option editable">
              <input
                id="pol-downloads"
                type="checkbox"
                checked={form.disableDownloads}
                aria-describedby="pol-downloads-hint"
                onChange={(e) => setForm({ ...form, disableDownloads: e.currentTarget.checked })}
              />
              <label for="pol-downloads">Disable downloads</label>
              <p id="pol-downloads-hint" class="hint">
                Links can no longer download. Cooperative links are <strong>suspended</strong> (recipients are refused) until you lift this; nothing is
                deleted, and they resume as they were.
              </p>
            </div>
            <div class="field">
              <label for="pol-default">Default link expiry (days)</label>
              <input id="pol-default" inputMode="numeric" placeholder="none" value={form.defaultDays} onInput={(e) => setForm({ ...form, defaultDays: e.currentTarget.value })} />
            </div>
            <div class="field">
              <label for="pol-max">Maximum link expiry (days)</label>
              <input id="pol-max" inputMode="numeric" placeholder="none" value={form.maxDays} onInput={(e) => setForm({ ...form, maxDays: e.currentTarget.value })} />
            </div>
          </fieldset>
          {problems.map((p) => (
            <p class="error-note" role="alert" key={p}>
              {p}
            </p>
          ))}
          <ErrorNote error={action.error} />
          <div class="row">
            <button type="submit" class="primary" disabled={action.busy || problems.length > 0}>
              Save policy
            </button>
            {saved && !action.busy && !action.error && <span class="muted" role="status">Policy loaded.</span>}
          </div>
        </form>
      )}
      <h2>Links of the organization</h2>
      {links && links.length === 0 && <p class="empty">No member has created a link yet.</p>}
      {links && links.length > 0 && (
        <ul class="links" aria-label="Links of the organization">
          {links.map((link) => (
            <LinkRow
              key={`${link.id}-${link.revision}-${link.status}`}
              link={link}
              fileName={undefined}
              showCreator
              onChanged={() => void loadLinks()}
            />
          ))}
        </ul>
      )}
      {org && (
        <>
          <h2>Members</h2>
          <ul>
            {org.members.map((m) => (
              <li key={m.accountId}>
                {m.email} <span class="muted">({m.role})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
