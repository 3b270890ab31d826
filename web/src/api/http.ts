/** An RFC 9457 problem the API answered; clients switch on `errorCode`, never on the title. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly traceId?: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The anti-forgery value the server set at login (double-submit cookie); sent on every cookie-authenticated write. */
export function csrfToken(): string | undefined {
  const match = /(?:^|;\s*)coffer_csrf=([^;]+)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** Sends a JSON request to the Coffer API and returns the parsed JSON answer (undefined for 204), or throws an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const csrf = unsafeMethods.has(method) ? csrfToken() : undefined;
  if (csrf) headers['X-Coffer-Csrf'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network-error', 'The server could not be reached. Check your connection and try again.');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204 || response.headers.get('Content-Length') === '0') return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** Turns a failed response into an ApiError, whether or not the body is a problem document. */
export async function toApiError(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as { errorCode?: string; detail?: string; title?: string; traceId?: string };
    return new ApiError(
      response.status,
      problem.errorCode ?? `http-${response.status}`,
      problem.detail ?? problem.title ?? `The server answered ${response.status}.`,
      problem.traceId,
    );
  } catch {
    return new ApiError(response.status, `http-${response.status}`, `The server answered ${response.status} ${response.statusText}.`);
  }
}
