import { ApiError, toApiError } from './http';
import { pageQuery, type VersionDto, type VersionListDto } from './versions';

/** LinkGateDto: what the link needs before a session. */
export interface LinkGate {
  linkId: string;
  permission: 'access' | 'modify';
  cooperative: boolean;
  requireEmail: boolean;
}

/** LinkSessionDto (the browser gets a cookie, so `token` is null). */
export interface LinkSession {
  token: string | null;
  expiresAt: string;
  email: string | null;
}

/** A version as the recipient routes answer it: the same shape as the owner's. */
export type LinkVersion = VersionDto;

/** One page of the available versions, newest first; `nextBefore` names the next page. */
export type LinkVersionList = VersionListDto;

/** LinkInfoDto: the file's wrapped key, sealed name, options and the first page of available versions (newest first). */
export interface LinkInfo {
  linkId: string;
  fileId: string;
  permission: 'access' | 'modify';
  cooperative: boolean;
  extension: string;
  wrappedFileKey: string;
  sealedName: string;
  canDownload: boolean;
  canUpload: boolean;
  watermark: boolean;
  expiresAt: string | null;
  email: string | null;
  versions: LinkVersionList;
}

export interface CommitVersionRequest {
  uploadId: string;
  contentId: string;
  extension: string;
  wrappedContentKey: string;
  sealedMetadata: string;
  basedOn: number | null;
}

export interface CommitVersionResponse {
  version: LinkVersion;
  latestBefore: number;
  basedOnLatest: boolean;
}

export type ContentPurpose = 'preview' | 'download';

export const LINK_TOKEN_HEADER = 'X-Coffer-Link-Token';

type Fetch = typeof fetch;

/**
 * The recipient routes under /api/l/{linkId}. Every request carries the link token header (derived from the secret, which
 * itself is never sent); the session is the HttpOnly cookie the server scopes to this link's path.
 */
export class RecipientApi {
  readonly base: string;

  constructor(
    readonly linkId: string,
    readonly token: string,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
  ) {
    this.base = `/api/l/${encodeURIComponent(linkId)}`;
  }

  get headers(): Record<string, string> {
    return { [LINK_TOKEN_HEADER]: this.token };
  }

  gate = () => this.json<LinkGate>('GET', '/gate');
  requestCode = (email: string) => this.json<void>('POST', '/verification', { email });
  openSession = (email?: string, code?: string) => this.json<LinkSession>('POST', '/session', { email, code, client: 'browser' });
  closeSession = () => this.json<void>('DELETE', '/session');
  info = () => this.json<LinkInfo>('GET', '');
  versions = (before?: number | null, limit?: number) => this.json<LinkVersionList>('GET', `/versions${pageQuery(before, limit)}`);
  commit = (request: CommitVersionRequest) => this.json<CommitVersionResponse>('POST', '/versions', request);
  makeCurrent = (number: number) => this.json<CommitVersionResponse>('POST', `/versions/${number}/make-current`);

  contentUrl(number: number, purpose: ContentPurpose): string {
    return `${this.base}/versions/${number}/content?purpose=${purpose}`;
  }

  uploadsEndpoint(): string {
    return `${this.base}/uploads`;
  }

  /** The ciphertext of version n as a streaming response (purpose is logged by the server). */
  async content(number: number, purpose: ContentPurpose, signal?: AbortSignal): Promise<Response> {
    const response = await this.send('GET', this.contentUrl(number, purpose), undefined, signal);
    if (!response.body) throw new ApiError(0, 'network-error', 'The server sent no content.');
    return response;
  }

  /** The link's live events (text/event-stream); EventSource cannot send the token header, so this is a plain fetch. */
  events(lastEventId: string | null, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    return this.send('GET', `${this.base}/events`, undefined, signal, headers);
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, this.base + path, body);
    if (response.status === 202 || response.status === 204) return undefined as T;
    const type = response.headers.get('Content-Type') ?? '';
    if (!type.includes('json')) {
      throw new ApiError(response.status, 'unexpected-response', 'The server sent an unexpected answer: is this the address of a Coffer server?');
    }
    return (await response.json()) as T;
  }

  private async send(method: string, url: string, body?: unknown, signal?: AbortSignal, extra: Record<string, string> = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...this.headers, ...extra };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetcher(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network-error', 'The server could not be reached. Check your connection and try again.');
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }
}

/** What a recipient reads for each error code: one clear sentence, never the raw server title. */
export function recipientMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : 'Something went wrong.';
  switch (error.errorCode) {
    case 'link-not-found':
      return 'There is no link at this address. Check that you copied the whole address, or ask the owner for a new link.';
    case 'link-revoked':
      return 'The owner revoked this link. Ask them for a new one.';
    case 'link-expired':
      return 'This link has expired. Ask its owner for a new one.';
    case 'link-suspended':
      return "This link is suspended: the owner's organization has disabled downloads. It works again when that policy is lifted.";
    case 'link-open-limit-reached':
      return 'This link has been opened as many times as its owner allowed.';
    case 'link-session-required':
      return 'Your session for this link ended. Verify your email again.';
    case 'invalid-code':
      return 'That code is wrong, expired or used up. Check the latest email, or send a new code.';
    case 'rate-limited':
      return 'Too many attempts. Wait a minute, then try again.';
    case 'download-disabled':
      return error.detail || 'Downloads are disabled for this link; the file can be previewed only.';
    case 'link-not-cooperative':
      return 'This link does not accept new versions.';
    case 'extension-mismatch':
      return error.detail || 'The new version must have the same file type as the current one.';
    case 'version-not-available':
      return 'That version is no longer available.';
    case 'network-error':
      return error.detail;
    default:
      return error.detail || `The server answered ${error.status}.`;
  }
}

/** Errors that end the page: nothing else on the link can work after them. */
export function isFatalLinkError(error: unknown): boolean {
  return error instanceof ApiError && ['link-not-found', 'link-revoked', 'link-expired', 'link-suspended', 'link-open-limit-reached'].includes(error.errorCode);
}
