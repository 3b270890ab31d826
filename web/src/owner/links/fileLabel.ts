/**
 * How a link names a file whose name this page cannot decrypt (another member's file in the Admin Center):
 * names are sealed for their owner, but the id and the extension are plaintext on the server by design.
 */
export function unnamedFileLabel(fileId: string, extension: string): string {
  return `file ${fileId} (${extension ? `.${extension}` : 'no extension'})`;
}
