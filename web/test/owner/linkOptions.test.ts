import { describe, expect, it } from 'vitest';
import type { Link } from '../../src/api/owner';
import { applyPermission, availability, defaultForm, formOfLink, mailtoHref, toCreateOptions, toUpdateRequest, validate } from '../../src/owner/share/linkOptions';

const now = new Date('2026-12-03T12:00:00Z');

const link = (over: Partial<Link> = {}): Link => ({
  id: 'EBESExQVFhcYGRobHB0eHw',
  fileId: '3f1c2a9e-8b7d-4c21-9a55-0e6f4b2d1c77',
  fileExtension: 'pdf',
  permission: 'access',
  cooperative: false,
  status: 'active',
  accessLog: true,
  requireEmail: false,
  disableDownload: false,
  watermark: false,
  expiresAt: null,
  openLimit: null,
  openCount: 0,
  notifyOwner: false,
  createdAt: now.toISOString(),
  revokedAt: null,
  creatorId: 'a',
  creatorEmail: 'alice@example.com',
  revision: 3,
  ...over,
});

describe('link options form', () => {
  it('cooperative links force access log and email on, and make download blocking and watermark unavailable', () => {
    expect(availability('modify', 'accessLog')).toBe('forced-on');
    expect(availability('modify', 'requireEmail')).toBe('forced-on');
    expect(availability('modify', 'disableDownload')).toBe('unavailable');
    expect(availability('modify', 'watermark')).toBe('unavailable');
    expect(availability('modify', 'notifyOwner')).toBe('editable');
    for (const o of ['accessLog', 'requireEmail', 'disableDownload', 'watermark'] as const) expect(availability('access', o)).toBe('editable');
  });

  it('switching to can-modify applies the forced values and drops the open limit; switching back keeps them editable', () => {
    const plain = { ...defaultForm('access'), accessLog: false, requireEmail: false, disableDownload: true, watermark: true, openLimit: '5' };
    const coop = applyPermission(plain, 'modify');
    expect(coop).toMatchObject({ permission: 'modify', accessLog: true, requireEmail: true, disableDownload: false, watermark: false, openLimit: '' });
    expect(applyPermission(coop, 'access')).toMatchObject({ permission: 'access', accessLog: true, requireEmail: true, notifyOwner: false });
  });

  it('validates expiry days and open limit, and respects the organization maximum', () => {
    expect(validate(defaultForm('access'))).toEqual([]);
    expect(validate({ ...defaultForm('access'), expiryDays: '0' })).toHaveLength(1);
    expect(validate({ ...defaultForm('access'), expiryDays: '2.5' })).toHaveLength(1);
    expect(validate({ ...defaultForm('access'), expiryDays: '40' }, 30)[0]).toMatch(/at most 30 days/);
    expect(validate({ ...defaultForm('access'), openLimit: 'x' })).toHaveLength(1);
    expect(validate({ ...defaultForm('access'), expiryDays: ' 7 ', openLimit: '3' })).toEqual([]);
  });

  it('a cooperative create leaves forced options to the server and sends the notification choice', () => {
    const options = toCreateOptions({ ...defaultForm('modify'), expiryDays: '2' }, now);
    expect(options).toEqual({
      accessLog: null,
      requireEmail: null,
      disableDownload: null,
      watermark: null,
      notifyOwner: true,
      expiresAt: '2026-12-05T12:00:00.000Z',
      openLimit: null,
    });
  });

  it('a plain create sends every option as chosen', () => {
    const options = toCreateOptions({ ...defaultForm('access'), requireEmail: true, watermark: true, openLimit: '10' }, now);
    expect(options).toMatchObject({ accessLog: true, requireEmail: true, disableDownload: false, watermark: true, openLimit: 10, expiresAt: null, notifyOwner: null });
  });

  it('an update sends only what changed, and clears an emptied expiry or limit', () => {
    const existing = link({ expiresAt: '2026-12-10T12:00:00Z', openLimit: 4 });
    const form = formOfLink(existing, now);
    expect(form.expiryDays).toBe('7');
    expect(toUpdateRequest(existing, form, now)).toEqual({});
    expect(toUpdateRequest(existing, { ...form, watermark: true, expiryDays: '', openLimit: '' }, now)).toEqual({ watermark: true, clearExpiry: true, clearOpenLimit: true });
    expect(toUpdateRequest(existing, { ...form, openLimit: '9' }, now)).toEqual({ openLimit: 9 });
  });

  it('an update of a cooperative link never sends forced options', () => {
    const coop = link({ permission: 'modify', cooperative: true, requireEmail: true, notifyOwner: true });
    const form = { ...formOfLink(coop, now), accessLog: false, notifyOwner: false };
    expect(toUpdateRequest(coop, form, now)).toEqual({ notifyOwner: false });
  });

  it('the mail draft carries the whole URL, fragment included, encoded', () => {
    const url = 'https://coffer.example/l/EBESExQVFhcYGRobHB0eHw#wMHCw8TF-_x';
    const href = mailtoHref(url, 'Q4 & plan <final>.pdf', true);
    expect(href.startsWith('mailto:?subject=')).toBe(true);
    const params = new URLSearchParams(href.slice('mailto:?'.length));
    expect(params.get('subject')).toBe('Shared with you: Q4 & plan <final>.pdf');
    expect(params.get('body')).toContain(url);
    expect(params.get('body')).toMatch(/upload new versions/);
  });
});
