import type { KdfParams } from '../crypto';
import { api } from './http';
import { pageQuery, type VersionDto, type VersionListDto } from './versions';

/** Wire shapes of the owner API (docs/API.md, src/Coffer.Contracts). */
export interface PlanLimits {
  versionsAvailable: number | null;
  cooperativeLinks: boolean;
  maxFileSizeBytes: number;
}

export interface Account {
  id: string;
  email: string;
  plan: string;
  limits: PlanLimits;
  kdf: KdfParams;
  wrappedAccountKey: string;
  organization: { id: string; name: string; role: string } | null;
}

export interface Folder {
  id: string;
  parentId: string | null;
  sealedName: string;
  createdAt: string;
  updatedAt: string;
}

export type Version = VersionDto;

export interface FileItem {
  id: string;
  folderId: string | null;
  extension: string;
  sealedName: string;
  wrappedFileKey: string;
  createdAt: string;
  updatedAt: string;
  trashedAt: string | null;
  currentVersion: Version;
}

/** One page of the available versions, newest first; `nextBefore` names the next page. */
export type VersionList = VersionListDto;

export interface NewVersionContent {
  uploadId: string;
  contentId: string;
  wrappedContentKey: string;
  sealedMetadata: string;
}

export interface CreateFileRequest {
  id: string;
  folderId: string | null;
  extension: string;
  sealedName: string;
  wrappedFileKey: string;
  version: NewVersionContent;
}

export type LinkPermission = 'access' | 'modify';

export interface LinkOptionsWire {
  accessLog?: boolean | null;
  requireEmail?: boolean | null;
  disableDownload?: boolean | null;
  watermark?: boolean | null;
  expiresAt?: string | null;
  openLimit?: number | null;
  notifyOwner?: boolean | null;
}

export interface CreateLinkRequest extends LinkOptionsWire {
  id: string;
  fileId: string;
  permission: LinkPermission;
  wrappedFileKey: string;
  authTokenHash: string;
}

export interface UpdateLinkRequest extends LinkOptionsWire {
  clearExpiry?: boolean | null;
  clearOpenLimit?: boolean | null;
}

export interface Link {
  id: string;
  fileId: string;
  fileExtension: string;
  permission: LinkPermission;
  cooperative: boolean;
  status: 'active' | 'revoked' | 'expired' | 'exhausted' | 'suspended';
  accessLog: boolean;
  requireEmail: boolean;
  disableDownload: boolean;
  watermark: boolean;
  expiresAt: string | null;
  openLimit: number | null;
  openCount: number;
  notifyOwner: boolean;
  createdAt: string;
  revokedAt: string | null;
  creatorId: string;
  creatorEmail: string;
  revision: number;
}

export interface AccessLogEntry {
  sequence: number;
  at: string;
  linkId: string;
  fileId: string;
  action: string;
  actor: string | null;
  version: number | null;
  ip: string | null;
  userAgent: string | null;
  detail: string | null;
  previousHash: string;
  hash: string;
}

export interface AccessLogPage {
  entries: AccessLogEntry[];
  nextAfter: number | null;
}

export interface AccessLogVerification {
  intact: boolean;
  checked: number;
  firstBrokenSequence: number | null;
  problem: string | null;
}

const json = <T>(path: string, body?: unknown, method?: string) => api<T>(path, { body, method });
const id = encodeURIComponent;

export const accounts = {
  prelogin: (email: string) => json<{ kdf: KdfParams }>('/api/accounts/prelogin', { email }),
  register: (body: { email: string; kdf: KdfParams; authKey: string; wrappedAccountKey: string }) => json<void>('/api/accounts/register', body),
  confirm: (email: string, code: string) => json<void>('/api/accounts/confirm', { email, code }),
  resend: (email: string) => json<void>('/api/accounts/confirm/resend', { email }),
  login: (email: string, authKey: string) => json<{ account: Account }>('/api/accounts/login', { email, authKey, mode: 'cookie' }),
  logout: () => json<void>('/api/accounts/logout', undefined, 'POST'),
  me: () => json<Account>('/api/accounts/me'),
};

export const folders = {
  list: () => json<Folder[]>('/api/folders'),
  create: (body: { id: string; parentId: string | null; sealedName: string }) => json<Folder>('/api/folders', body),
  rename: (folderId: string, sealedName: string) => json<Folder>(`/api/folders/${id(folderId)}`, { sealedName }, 'PATCH'),
  move: (folderId: string, parentId: string | null) => json<Folder>(`/api/folders/${id(folderId)}/move`, { parentId }),
};

export const files = {
  list: (trashed = false) => json<FileItem[]>(`/api/files${trashed ? '?trashed=true' : ''}`),
  get: (fileId: string) => json<FileItem>(`/api/files/${id(fileId)}`),
  create: (body: CreateFileRequest) => json<FileItem>('/api/files', body),
  rename: (fileId: string, sealedName: string) => json<FileItem>(`/api/files/${id(fileId)}`, { sealedName }, 'PATCH'),
  move: (fileId: string, folderId: string | null) => json<FileItem>(`/api/files/${id(fileId)}/move`, { folderId }),
  trash: (fileId: string) => json<FileItem>(`/api/files/${id(fileId)}/trash`, undefined, 'POST'),
  restore: (fileId: string) => json<FileItem>(`/api/files/${id(fileId)}/restore`, undefined, 'POST'),
  versions: (fileId: string, before?: number | null, limit?: number) => json<VersionList>(`/api/files/${id(fileId)}/versions${pageQuery(before, limit)}`),
  commitVersion: (fileId: string, body: NewVersionContent & { extension: string; basedOn: number | null }) =>
    json<{ version: Version; latestBefore: number; basedOnLatest: boolean }>(`/api/files/${id(fileId)}/versions`, body),
  makeCurrent: (fileId: string, number: number) =>
    json<{ version: Version }>(`/api/files/${id(fileId)}/versions/${number}/make-current`, undefined, 'POST'),
  contentPath: (fileId: string, number: number) => `/api/files/${id(fileId)}/versions/${number}/content`,
};

const etag = (revision: number) => `"${revision}"`;

export const links = {
  create: (body: CreateLinkRequest) => json<Link>('/api/links', body),
  list: (fileId?: string) => json<Link[]>(`/api/links${fileId ? `?fileId=${id(fileId)}` : ''}`),
  update: (link: Link, body: UpdateLinkRequest) =>
    api<Link>(`/api/links/${id(link.id)}`, { method: 'PATCH', body, headers: { 'If-Match': etag(link.revision) } }),
  revoke: (linkId: string) => json<void>(`/api/links/${id(linkId)}`, undefined, 'DELETE'),
  log: (linkId: string, after?: number) => json<AccessLogPage>(`/api/links/${id(linkId)}/log?limit=500${after ? `&after=${after}` : ''}`),
  verifyLog: (linkId: string) => json<AccessLogVerification>(`/api/links/${id(linkId)}/log/verify`),
  csvPath: (linkId: string) => `/api/links/${id(linkId)}/log.csv`,
};

/** Every page of a link's access log, oldest first. */
export async function wholeLog(linkId: string): Promise<AccessLogEntry[]> {
  const entries: AccessLogEntry[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await links.log(linkId, after);
    entries.push(...page.entries);
    if (page.nextAfter === null || page.entries.length === 0) return entries;
    after = page.nextAfter;
  }
}
