import { useEffect, useState } from 'preact/hooks';
import { admin, type Organization, type OrganizationPolicy } from '../api/admin';
import type { Link } from '../api/owner';
import { LinkRow } from '../owner/links/LinkRow';
import { useFileNames } from '../owner/links/useFileNames';
import { ErrorNote, useAction } from '../owner/ui';
import { memberEmailProblem, type MemberRole } from './members';
import { policyProblems, toPolicy, type PolicyForm, formOfPolicy } from './policyForm';

/** The organization's link policy, its members (and adding one), and every link of its members, for its admins. */
export function AdminCenter({ accountKey }: { accountKey: Uint8Array }) {
  const [org, setOrg] = useState<Organization | null>(null);
  const [form, setForm] = useState<PolicyForm | null>(null);
  const [saved, setSaved] = useState<OrganizationPolicy | null>(null);
  const [links, setLinks] = useState<Link[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const action = useAction();
  const names = useFileNames(accountKey);

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

  const [memberEmail, setMemberEmail] = useState('');
  const [memberRole, setMemberRole] = useState<MemberRole>('member');
  const [added, setAdded] = useState<string | null>(null);
  const adding = useAction();
  const emailProblem = memberEmailProblem(memberEmail);
  const addMember = (e: Event) => {
    e.preventDefault();
    if (memberEmail.trim() === '' || emailProblem) return;
    setAdded(null);
    void adding.run(async () => {
      const email = memberEmail.trim();
      await admin.addMember(email, memberRole);
      setOrg(await admin.organization());
      setMemberEmail('');
      setAdded(email);
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
      <p class="muted" data-testid="names-note">
        File names are encrypted for their owners, so Coffer shows other members’ files by their id and extension; only your own files show their
        names here. This is by design: the server never sees a file’s name.
      </p>
      {links && links.length === 0 && <p class="empty">No member has created a link yet.</p>}
      {links && links.length > 0 && (
        <ul class="links" aria-label="Links of the organization">
          {links.map((link) => (
            <LinkRow
              key={`${link.id}-${link.revision}-${link.status}`}
              link={link}
              fileName={names.has(link.fileId) ? names.get(link.fileId)! : undefined}
              showCreator
              onChanged={() => void loadLinks()}
            />
          ))}
        </ul>
      )}
      {org && (
        <>
          <h2>Members</h2>
          <ul class="members" aria-label="Members" data-testid="members">
            {org.members.map((m) => (
              <li key={m.accountId} data-testid="member">
                {m.email} <span class="muted">({m.role})</span>
              </li>
            ))}
          </ul>
          <form class="stack" onSubmit={addMember} noValidate data-testid="add-member-form">
            <div class="field">
              <label for="member-email">Add member: email of their Coffer account</label>
              <input
                id="member-email"
                type="email"
                autoComplete="off"
                placeholder="name@example.com"
                aria-describedby="member-email-hint"
                value={memberEmail}
                onInput={(e) => setMemberEmail(e.currentTarget.value)}
              />
              <p id="member-email-hint" class="hint">
                They need a confirmed Coffer account that is not in another organization. Once added, the organization’s plan and link policy apply to them.
              </p>
            </div>
            <div class="field">
              <label for="member-role">Role</label>
              <select id="member-role" value={memberRole} onChange={(e) => setMemberRole(e.currentTarget.value as MemberRole)}>
                <option value="member">Member</option>
                <option value="admin">Admin</option>
              </select>
            </div>
            {emailProblem && (
              <p class="error-note" role="alert">
                {emailProblem}
              </p>
            )}
            <ErrorNote error={adding.error} testId="member-error" />
            <div class="row">
              <button type="submit" disabled={adding.busy || memberEmail.trim() === '' || emailProblem !== null}>
                Add member
              </button>
              {added && !adding.busy && !adding.error && (
                <span class="muted" role="status">
                  Added {added}.
                </span>
              )}
            </div>
          </form>
        </>
      )}
    </section>
  );
}
