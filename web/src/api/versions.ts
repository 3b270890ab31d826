/** One immutable version as both the owner and the recipient routes answer it (Contracts' VersionDto). */
export interface VersionDto {
  number: number;
  contentId: string;
  ciphertextLength: number;
  ciphertextSha256: string;
  createdAt: string;
  uploader: string;
  basedOn: number | null;
  restoredFrom: number | null;
  wrappedContentKey: string;
  sealedMetadata: string;
}

/**
 * One page of a file's available versions, newest first (Contracts' VersionListDto), as both version routes and
 * LinkInfoDto.versions answer it. `nextBefore` is the `before` of the next, older page; null when this page reaches the
 * end of what the plan makes available.
 */
export interface VersionListDto {
  versions: VersionDto[];
  latest: number;
  hiddenCount: number;
  availableCount: number;
  nextBefore: number | null;
}

/** The query string of a page: versions numbered below `before` (absent: from the latest), at most `limit` (server default 50, max 200). */
export function pageQuery(before?: number | null, limit?: number): string {
  const params = new URLSearchParams();
  if (before !== undefined && before !== null) params.set('before', String(before));
  if (limit !== undefined) params.set('limit', String(limit));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** How many available versions are older than what the list shows (numbers run 1…latest without gaps). */
export function olderCount(list: Pick<VersionListDto, 'latest' | 'availableCount' | 'nextBefore'>): number {
  return list.nextBefore === null ? 0 : Math.max(0, list.nextBefore - 1 - (list.latest - list.availableCount));
}

/** The shown list followed by the next page: its versions appended (none twice), its counts and cursor taken. */
export function appendPage<T, L extends { versions: T[] }>(shown: T[], page: L, numberOf: (v: T) => number): L {
  const seen = new Set(shown.map(numberOf));
  return { ...page, versions: [...shown, ...page.versions.filter((v) => !seen.has(numberOf(v)))] };
}
