import { api } from './http';
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
  members: { accountId: string; email: string; role: string }[];
}

export const admin = {
  organization: () => api<Organization>('/api/admin/organization'),
  policy: () => api<OrganizationPolicy>('/api/admin/organization/policy'),
  putPolicy: (policy: OrganizationPolicy) => api<OrganizationPolicy>('/api/admin/organization/policy', { method: 'PUT', body: policy }),
  links: () => api<Link[]>('/api/admin/links'),
};
