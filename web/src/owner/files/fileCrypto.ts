import type { FileItem, Folder, Version } from '../../api/owner';
import {
  fromBase64Url,
  openFileName,
  openFolderName,
  openMetadata,
  sealFileName,
  sealFolderName,
  toBase64Url,
  unwrapContentKey,
  unwrapOwnerFileKey,
  type VersionMetadata,
} from '../../crypto';

/** A file with its name decrypted (null when the name box does not open: shown as such, never guessed). */
export interface NamedFile {
  file: FileItem;
  name: string | null;
}

export interface NamedFolder {
  folder: Folder;
  name: string | null;
}

const fileKeys = new Map<string, Promise<Uint8Array>>();

/** FK of a file, unwrapped with AK once per page (the wrapped key never changes). */
export function fileKeyOf(accountKey: Uint8Array, file: FileItem): Promise<Uint8Array> {
  let key = fileKeys.get(file.id);
  if (!key) {
    key = unwrapOwnerFileKey(accountKey, file.id, fromBase64Url(file.wrappedFileKey));
    key.catch(() => fileKeys.delete(file.id));
    fileKeys.set(file.id, key);
  }
  return key;
}

/** Forgets every unwrapped file key (log out). */
export const forgetFileKeys = () => fileKeys.clear();

export async function nameFile(accountKey: Uint8Array, file: FileItem): Promise<NamedFile> {
  try {
    return { file, name: await openFileName(await fileKeyOf(accountKey, file), file.id, fromBase64Url(file.sealedName)) };
  } catch {
    return { file, name: null };
  }
}

export async function nameFolder(accountKey: Uint8Array, folder: Folder): Promise<NamedFolder> {
  try {
    return { folder, name: await openFolderName(accountKey, folder.id, fromBase64Url(folder.sealedName)) };
  } catch {
    return { folder, name: null };
  }
}

export const sealedFileName = async (accountKey: Uint8Array, file: FileItem, name: string) =>
  toBase64Url(await sealFileName(await fileKeyOf(accountKey, file), file.id, name));

export const sealedFolderName = async (accountKey: Uint8Array, folderId: string, name: string) => toBase64Url(await sealFolderName(accountKey, folderId, name));

/** A version's content key and its sealed metadata, opened. */
export async function openVersion(fileKey: Uint8Array, fileId: string, version: Version): Promise<{ contentKey: Uint8Array; metadata: VersionMetadata }> {
  const contentKey = await unwrapContentKey(fileKey, fileId, version.contentId, fromBase64Url(version.wrappedContentKey));
  return { contentKey, metadata: await openMetadata(contentKey, fileId, version.contentId, fromBase64Url(version.sealedMetadata)) };
}

/** The lower-case extension the server keys a file's format on ("" for none, or anything it would refuse). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return '';
  const ext = fileName.slice(dot + 1).toLowerCase();
  return /^[a-z0-9]{1,16}$/.test(ext) ? ext : '';
}

const mediaTypes: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
};

/** The browser's type for the file when it knows one, else one from the extension (as the CLI does). */
export const mediaTypeOf = (file: File) => file.type || mediaTypes[extensionOf(file.name)] || 'application/octet-stream';
