import { describe, expect, it } from 'vitest';
import { formOfPolicy, policyProblems, toPolicy } from '../../src/admin/policyForm';
import { routeOf, ownerPath } from '../../src/app/route';
import { extensionOf } from '../../src/owner/files/fileCrypto';
import { sameFormatMessage } from '../../src/owner/files/upload';

describe('admin policy form', () => {
  it('round-trips a policy and sends empty expiries as null', () => {
    const policy = { allowCooperativeLinks: false, disableDownloads: true, defaultLinkExpiryDays: 7, maxLinkExpiryDays: null };
    expect(toPolicy(formOfPolicy(policy))).toEqual(policy);
  });

  it('refuses a default beyond the maximum and out-of-range days', () => {
    const base = formOfPolicy({ allowCooperativeLinks: true, disableDownloads: false, defaultLinkExpiryDays: null, maxLinkExpiryDays: null });
    expect(policyProblems({ ...base, defaultDays: '40', maxDays: '30' })).toEqual(['The default expiry cannot be longer than the maximum.']);
    expect(policyProblems({ ...base, maxDays: '3651' })).toHaveLength(1);
    expect(policyProblems({ ...base, defaultDays: '-1' })).toHaveLength(1);
    expect(() => toPolicy({ ...base, defaultDays: 'soon' })).toThrow();
  });
});

describe('owner routes and file formats', () => {
  it('maps the owner sections to paths and back', () => {
    for (const s of ['files', 'trash', 'links', 'admin'] as const) expect(routeOf(ownerPath(s))).toMatchObject({ page: 'owner' });
    expect(routeOf('/links')).toEqual({ page: 'owner', section: 'links' });
    expect(routeOf('/admin/')).toEqual({ page: 'owner', section: 'admin' });
    expect(ownerPath('files')).toBe('/');
  });

  it('derives the extension the server keys formats on', () => {
    expect(extensionOf('Report.Final.PDF')).toBe('pdf');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('notes.')).toBe('');
    expect(extensionOf('weird.ä')).toBe('');
    expect(sameFormatMessage('pdf', 'docx')).toMatch(/\.pdf.*\.docx.*Nothing was uploaded/);
  });
});
