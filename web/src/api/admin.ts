import { api } from './http';
import type { MemberRole } from '../admin/members';
import type { Link } from './owner';

/** The organization's link rules (OrganizationPolicyDto); expiries in whole days 1–3650 or null. */
export interface OrganizationPolicy {
  allowCooperativeLinks: boolean;
  disableDownloads: boolean;
  defaultLinkExpiryDays: number | null;
  maxLinkExpiryDays: number | null;
}

export interface Organization {
  id: string;
  name: string;
  plan: string;
  members: { accountId: string; email: string; role: MemberRole }[];
}

export const admin = {
  organization: () => api<Organization>('/api/admin/organization'),
  policy: () => api<OrganizationPolicy>('/api/admin/organization/policy'),
  putPolicy: (policy: OrganizationPolicy) => api<OrganizationPolicy>('/api/admin/organization/policy', { method: 'PUT', body: policy }),
  /** Adds a confirmed account that is in no organization yet (204); refusals come back as the server's problem sentence. */
  addMember: (email: string, role: MemberRole) => api<void>('/api/admin/organization/members', { method: 'POST', body: { email, role } }),
  links: () => api<Link[]>('/api/admin/links'),
};
