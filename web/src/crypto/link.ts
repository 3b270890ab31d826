import { fromBase64Url, toBase64Url } from './base64url';
import { randomBytes, utf8 } from './bytes';
import { unwrapKey, wrapKey } from './box';
import { InvalidEncodingError } from './errors';
import { Labels } from './labels';
import { hkdf } from './primitives';

export const LINK_ID_BYTES = 16;
export const LINK_SECRET_BYTES = 32;

export const linkWrapKey = (secret: Uint8Array, linkId: string) => hkdf(secret, utf8(linkId), Labels.linkWrapKeyInfo);
export const linkAuthToken = (secret: Uint8Array, linkId: string) => hkdf(secret, utf8(linkId), Labels.linkAuthTokenInfo);

/** The header value every link request carries: base64url(LinkAuthToken). */
export async function linkTokenHeader(secret: Uint8Array, linkId: string): Promise<string> {
  return toBase64Url(await linkAuthToken(secret, linkId));
}

export function newLink(): { linkId: string; secret: Uint8Array<ArrayBuffer> } {
  return { linkId: toBase64Url(randomBytes(LINK_ID_BYTES)), secret: randomBytes(LINK_SECRET_BYTES) };
}

export async function wrapFileKeyForLink(secret: Uint8Array, linkId: string, fileId: string, fileKey: Uint8Array, nonce?: Uint8Array) {
  return wrapKey(await linkWrapKey(secret, linkId), fileKey, Labels.linkFileKeyWrap(linkId, fileId), nonce);
}

export async function unwrapFileKeyFromLink(secret: Uint8Array, linkId: string, fileId: string, wrapped: Uint8Array) {
  return unwrapKey(await linkWrapKey(secret, linkId), wrapped, Labels.linkFileKeyWrap(linkId, fileId));
}

/** `{origin}/l/{linkId}#{base64url(S)}`; the secret only ever lives in the fragment. */
export function buildLinkUrl(origin: string, linkId: string, secret: Uint8Array): string {
  fromBase64Url(linkId, LINK_ID_BYTES);
  return `${origin.replace(/\/+$/, '')}/l/${linkId}#${toBase64Url(secret)}`;
}

export interface ParsedLink {
  linkId: string;
  secret: Uint8Array<ArrayBuffer>;
}

/** Parses a full link URL, or a page's `pathname` and `hash`; throws InvalidEncodingError for anything else. */
export function parseLinkUrl(url: string): ParsedLink {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidEncodingError('Not a URL.');
  }
  return parseLinkLocation(parsed.pathname, parsed.hash);
}

export function parseLinkLocation(pathname: string, hash: string): ParsedLink {
  // A server may live under a path prefix (https://example.org/coffer/l/{id}).
  const match = /\/l\/([A-Za-z0-9_-]{22})\/?$/.exec(pathname);
  if (!match) throw new InvalidEncodingError('The address is not a Coffer link (/l/{id}).');
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment.length === 0) throw new InvalidEncodingError('The link has no secret after #: copy the whole link.');
  const linkId = match[1]!;
  fromBase64Url(linkId, LINK_ID_BYTES);
  return { linkId, secret: fromBase64Url(fragment, LINK_SECRET_BYTES) };
}
