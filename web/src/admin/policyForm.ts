import type { OrganizationPolicy } from '../api/admin';

/** The policy form as typed: expiries as text ('' = none). */
export interface PolicyForm {
  allowCooperativeLinks: boolean;
  disableDownloads: boolean;
  defaultDays: string;
  maxDays: string;
}

export const formOfPolicy = (p: OrganizationPolicy): PolicyForm => ({
  allowCooperativeLinks: p.allowCooperativeLinks,
  disableDownloads: p.disableDownloads,
  defaultDays: p.defaultLinkExpiryDays === null ? '' : String(p.defaultLinkExpiryDays),
  maxDays: p.maxLinkExpiryDays === null ? '' : String(p.maxLinkExpiryDays),
});

const days = (text: string): number | null | 'invalid' => {
  if (text.trim() === '') return null;
  if (!/^\s*\d+\s*$/.test(text)) return 'invalid';
  const n = Number(text);
  return n >= 1 && n <= 3650 ? n : 'invalid';
};

/** The same rules the server applies: whole days 1–3650 or none, and the default not beyond the maximum. */
export function policyProblems(form: PolicyForm): string[] {
  const problems: string[] = [];
  const d = days(form.defaultDays);
  const m = days(form.maxDays);
  if (d === 'invalid') problems.push('Default expiry: a whole number of days from 1 to 3650, or empty for none.');
  if (m === 'invalid') problems.push('Maximum expiry: a whole number of days from 1 to 3650, or empty for none.');
  if (typeof d === 'number' && typeof m === 'number' && d > m) problems.push('The default expiry cannot be longer than the maximum.');
  return problems;
}

export function toPolicy(form: PolicyForm): OrganizationPolicy {
  const d = days(form.defaultDays);
  const m = days(form.maxDays);
  if (d === 'invalid' || m === 'invalid') throw new Error(policyProblems(form).join(' '));
  return { allowCooperativeLinks: form.allowCooperativeLinks, disableDownloads: form.disableDownloads, defaultLinkExpiryDays: d, maxLinkExpiryDays: m };
}
