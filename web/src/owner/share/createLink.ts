import { links, type FileItem, type Link } from '../../api/owner';
import { buildLinkUrl, linkAuthToken, newLink, sha256, toBase64Url, wrapFileKeyForLink } from '../../crypto';
import { fileKeyOf } from '../files/fileCrypto';
import { rememberLinkUrl } from './linkMemory';
import { toCreateOptions, type LinkOptionsForm } from './linkOptions';

/**
 * Creates a link: a new id and secret S, FK wrapped under the link wrap key, and only SHA-256 of the auth token sent; the
 * full URL carries S in its fragment, which browsers never send to a server.
 */
export async function createLink(accountKey: Uint8Array, file: FileItem, form: LinkOptionsForm): Promise<{ link: Link; url: string }> {
  const { linkId, secret } = newLink();
  const fileKey = await fileKeyOf(accountKey, file);
  const link = await links.create({
    id: linkId,
    fileId: file.id,
    permission: form.permission,
    wrappedFileKey: toBase64Url(await wrapFileKeyForLink(secret, linkId, file.id, fileKey)),
    authTokenHash: toBase64Url(await sha256(await linkAuthToken(secret, linkId))),
    ...toCreateOptions(form, new Date()),
  });
  const url = buildLinkUrl(location.origin, linkId, secret);
  rememberLinkUrl(linkId, url);
  return { link, url };
}
