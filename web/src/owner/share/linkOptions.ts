import type { LinkOptionsWire, LinkPermission, Link, UpdateLinkRequest } from '../../api/owner';

/** The share dialog's form: booleans as shown, expiry and open limit as typed ('' = none / the organization's default). */
export interface LinkOptionsForm {
  permission: LinkPermission;
  accessLog: boolean;
  requireEmail: boolean;
  disableDownload: boolean;
  watermark: boolean;
  notifyOwner: boolean;
  expiryDays: string;
  openLimit: string;
}

export type ToggleOption = 'accessLog' | 'requireEmail' | 'disableDownload' | 'watermark' | 'notifyOwner';

/** How an option shows for a permission: editable, forced on (disabled and checked), or not available (disabled and unchecked). */
export type Availability = 'editable' | 'forced-on' | 'unavailable';

/**
 * Cooperative (can modify) links always log and verify email, and never hide downloads or watermark (the server enforces the
 * same); the new-version notification is for cooperative links only.
 */
export function availability(permission: LinkPermission, option: ToggleOption): Availability {
  // Notifications are about new versions, which only cooperative links receive.
  if (permission === 'access') return option === 'notifyOwner' ? 'unavailable' : 'editable';
  if (option === 'accessLog' || option === 'requireEmail') return 'forced-on';
  if (option === 'disableDownload' || option === 'watermark') return 'unavailable';
  return 'editable';
}

/** Whether expiry and open limit apply: the open limit is for plain links only (a cooperative link is a workspace). */
export const openLimitAvailable = (permission: LinkPermission) => permission === 'access';

export const defaultForm = (permission: LinkPermission): LinkOptionsForm =>
  applyPermission({ permission, accessLog: true, requireEmail: false, disableDownload: false, watermark: false, notifyOwner: true, expiryDays: '', openLimit: '' }, permission);

/** The form after a permission change: forced options on, unavailable ones off, the open limit cleared for cooperative links. */
export function applyPermission(form: LinkOptionsForm, permission: LinkPermission): LinkOptionsForm {
  const next = { ...form, permission };
  for (const option of ['accessLog', 'requireEmail', 'disableDownload', 'watermark', 'notifyOwner'] as const) {
    const a = availability(permission, option);
    if (a === 'forced-on') next[option] = true;
    if (a === 'unavailable') next[option] = false;
  }
  if (!openLimitAvailable(permission)) next.openLimit = '';
  return next;
}

const wholeNumber = /^\s*\d+\s*$/;

/** Problems with the typed values, as sentences (empty: the form can be sent). */
export function validate(form: LinkOptionsForm, maxExpiryDays: number | null = null): string[] {
  const problems: string[] = [];
  if (form.expiryDays.trim() !== '') {
    const days = Number(form.expiryDays);
    if (!wholeNumber.test(form.expiryDays) || days < 1 || days > 3650) problems.push('Expiry: enter a whole number of days from 1 to 3650, or leave it empty.');
    else if (maxExpiryDays !== null && days > maxExpiryDays) problems.push(`Expiry: your organization allows at most ${maxExpiryDays} days.`);
  }
  if (form.openLimit.trim() !== '') {
    const limit = Number(form.openLimit);
    if (!wholeNumber.test(form.openLimit) || limit < 1 || limit > 1_000_000) problems.push('Open limit: enter a whole number of opens (1 or more), or leave it empty.');
  }
  return problems;
}

const expiresAt = (days: string, now: Date) => new Date(now.getTime() + Number(days) * 86_400_000).toISOString();

/** The options of a new link, as sent: forced and unavailable options are left to the server (null), which enforces them. */
export function toCreateOptions(form: LinkOptionsForm, now: Date): LinkOptionsWire {
  const cooperative = form.permission === 'modify';
  return {
    accessLog: cooperative ? null : form.accessLog,
    requireEmail: cooperative ? null : form.requireEmail,
    disableDownload: cooperative ? null : form.disableDownload,
    watermark: cooperative ? null : form.watermark,
    notifyOwner: cooperative ? form.notifyOwner : null,
    expiresAt: form.expiryDays.trim() === '' ? null : expiresAt(form.expiryDays, now),
    openLimit: cooperative || form.openLimit.trim() === '' ? null : Number(form.openLimit),
  };
}

/** A form showing an existing link's options; expiry is shown as days from now (rounded up), the open limit as is. */
export function formOfLink(link: Link, now: Date): LinkOptionsForm {
  const days = link.expiresAt ? Math.max(1, Math.ceil((new Date(link.expiresAt).getTime() - now.getTime()) / 86_400_000)) : null;
  return {
    permission: link.permission,
    accessLog: link.accessLog,
    requireEmail: link.requireEmail,
    disableDownload: link.disableDownload,
    watermark: link.watermark,
    notifyOwner: link.notifyOwner,
    expiryDays: days === null ? '' : String(days),
    openLimit: link.openLimit === null ? '' : String(link.openLimit),
  };
}

/** Only what changed (the server keeps null fields as they are); an emptied expiry or limit is cleared explicitly. */
export function toUpdateRequest(link: Link, form: LinkOptionsForm, now: Date): UpdateLinkRequest {
  const before = formOfLink(link, now);
  const request: UpdateLinkRequest = {};
  for (const option of ['accessLog', 'requireEmail', 'disableDownload', 'watermark', 'notifyOwner'] as const) {
    if (availability(link.permission, option) === 'editable' && form[option] !== before[option]) request[option] = form[option];
  }
  if (form.expiryDays.trim() !== before.expiryDays) {
    if (form.expiryDays.trim() === '') request.clearExpiry = true;
    else request.expiresAt = expiresAt(form.expiryDays, now);
  }
  if (openLimitAvailable(link.permission) && form.openLimit.trim() !== before.openLimit) {
    if (form.openLimit.trim() === '') request.clearOpenLimit = true;
    else request.openLimit = Number(form.openLimit);
  }
  return request;
}

/** The subject and body of the "Send by email" draft, composed in the owner's own mail client. */
export function mailtoHref(url: string, fileName: string | null, cooperative: boolean): string {
  const subject = `Shared with you: ${fileName ?? 'a file'}`;
  const body = [
    cooperative
      ? `I shared ${fileName ?? 'a file'} with you. You can view it, download it and upload new versions here:`
      : `I shared ${fileName ?? 'a file'} with you. Open it here:`,
    '',
    url,
    '',
    'The file is end-to-end encrypted: the part of the link after # is its key, so send the whole link.',
  ].join('\n');
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}
