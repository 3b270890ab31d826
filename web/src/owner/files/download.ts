import type { FileItem, Version } from '../../api/owner';
import { downloadCapability, prepareSave } from '../../download/saveToDisk';
import { openOwnerVersion, ownerPlaintextOf } from './versionContent';

/**
 * Saves one version to disk as a stream, verified as ownerPlaintextOf says (a mismatch fails the save). Call from a click:
 * the save location is asked for before any byte is fetched.
 */
export async function downloadVersion(accountKey: Uint8Array, file: FileItem, version: Version, onProgress?: (done: number, total: number) => void): Promise<void> {
  const opened = await openOwnerVersion(accountKey, file, version);
  const { metadata } = opened;
  const capability = await downloadCapability(metadata.size);
  if (capability.method === null) throw new Error(capability.reason);
  const save = await prepareSave({ fileName: metadata.name, size: metadata.size, mediaType: metadata.mediaType }, capability);
  await save(await ownerPlaintextOf(opened, { onProgress }));
}
