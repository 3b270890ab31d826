/** The extension as the server stores it: lower-case, without the dot, "" for none (".bashrc" has none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot <= 0 || dot === fileName.length - 1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const zip = ascii('PK\x03\x04');
const emptyZip = ascii('PK\x05\x06');
const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const tiff = [
  [0x49, 0x49, 0x2a, 0x00],
  [0x4d, 0x4d, 0x00, 0x2a],
];

/** First bytes of common formats (the same table as the CLI's FileSignatures); formats not listed are not checked. */
const signatures: Record<string, number[][]> = {
  pdf: [ascii('%PDF-')],
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  jpg: [[0xff, 0xd8, 0xff]],
  jpeg: [[0xff, 0xd8, 0xff]],
  gif: [ascii('GIF87a'), ascii('GIF89a')],
  bmp: [ascii('BM')],
  tif: tiff,
  tiff,
  zip: [zip, emptyZip],
  docx: [zip],
  xlsx: [zip],
  pptx: [zip],
  odt: [zip],
  ods: [zip],
  odp: [zip],
  doc: [ole],
  xls: [ole],
  ppt: [ole],
  gz: [[0x1f, 0x8b]],
  '7z': [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  mp3: [ascii('ID3'), [0xff, 0xfb], [0xff, 0xf3], [0xff, 0xf2]],
  flac: [ascii('fLaC')],
  ogg: [ascii('OggS')],
};

const riffForms: Record<string, string> = { webp: 'WEBP', wav: 'WAVE', avi: 'AVI ' };

/** How many leading bytes the check needs. */
export const SIGNATURE_BYTES = 16;

const startsWith = (head: Uint8Array, signature: number[]) => head.length >= signature.length && signature.every((b, i) => head[i] === b);

function contentFits(extension: string, head: Uint8Array): boolean | null {
  const candidates = signatures[extension];
  if (candidates) return candidates.some((s) => startsWith(head, s));
  const form = riffForms[extension];
  if (form) return startsWith(head, ascii('RIFF')) && startsWith(head.subarray(8), ascii(form));
  return null;
}

export type FormatVerdict = { ok: true } | { ok: false; message: string };

/**
 * Decides before any byte is sent whether `fileName` (whose first bytes are `head`) can be a new version of a file with
 * `expectedExtension`: the same extension, case-insensitively, and content whose signature matches it for common formats.
 */
export function checkSameFormat(expectedExtension: string, fileName: string, head: Uint8Array): FormatVerdict {
  const expected = expectedExtension.toLowerCase();
  const actual = extensionOf(fileName);
  if (actual !== expected) {
    const want = expected === '' ? 'a file without an extension' : `a .${expected} file`;
    const got = actual === '' ? 'has no extension' : `is a .${actual} file`;
    return { ok: false, message: `A new version must be ${want} like the current one; “${fileName}” ${got}. Nothing was uploaded.` };
  }
  if (contentFits(expected, head) === false) {
    return {
      ok: false,
      message: `“${fileName}” is named .${expected} but its content is not a .${expected} file (its first bytes do not match). Nothing was uploaded.`,
    };
  }
  return { ok: true };
}

/** Reads the head of a File and checks it. */
export async function checkFileFormat(expectedExtension: string, file: File): Promise<FormatVerdict> {
  const head = new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer());
  return checkSameFormat(expectedExtension, file.name, head);
}
