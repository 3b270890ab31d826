/** What the in-page preview can show for a file. */
export type PreviewKind = 'image' | 'pdf' | 'text' | 'audio' | 'video' | 'none';

const imageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);
const textExtensions = new Set([
  'txt', 'md', 'csv', 'tsv', 'log', 'json', 'xml', 'yaml', 'yml', 'toml', 'ini', 'conf', 'html', 'htm', 'css', 'js', 'mjs', 'ts',
  'tsx', 'jsx', 'cs', 'java', 'kt', 'py', 'rb', 'go', 'rs', 'c', 'h', 'cpp', 'hpp', 'sh', 'ps1', 'sql', 'swift', 'php', 'svg',
]);
const audioExtensions: Record<string, string> = { mp3: 'audio/mpeg', wav: 'audio/wav', ogg: 'audio/ogg', flac: 'audio/flac', m4a: 'audio/mp4', opus: 'audio/ogg' };
const videoExtensions: Record<string, string> = { mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime', m4v: 'video/mp4' };
const imageExtensions: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp', avif: 'image/avif' };

/**
 * Chooses the preview from the sealed media type and the extension. SVG is shown as text, never as an image: it can carry
 * script, and a decrypted file must not run anything in this page's origin.
 */
export function previewKind(mediaType: string, extension: string): PreviewKind {
  const type = mediaType.toLowerCase().split(';')[0]!.trim();
  const ext = extension.toLowerCase();
  if (type === 'image/svg+xml' || ext === 'svg') return 'text';
  if (imageTypes.has(type) || ext in imageExtensions) return 'image';
  if (type === 'application/pdf' || ext === 'pdf') return 'pdf';
  if (type.startsWith('audio/') || ext in audioExtensions) return 'audio';
  if (type.startsWith('video/') || ext in videoExtensions) return 'video';
  if (type.startsWith('text/') || type === 'application/json' || type === 'application/xml' || textExtensions.has(ext)) return 'text';
  return 'none';
}

/** The type a blob URL is given, so the browser never sniffs a decrypted file into something else (HTML, for one). */
export function safeBlobType(kind: PreviewKind, mediaType: string, extension: string): string {
  const ext = extension.toLowerCase();
  switch (kind) {
    case 'image':
      return imageTypes.has(mediaType) ? mediaType : (imageExtensions[ext] ?? 'application/octet-stream');
    case 'audio':
      return mediaType.startsWith('audio/') ? mediaType : (audioExtensions[ext] ?? 'application/octet-stream');
    case 'video':
      return mediaType.startsWith('video/') ? mediaType : (videoExtensions[ext] ?? 'application/octet-stream');
    case 'pdf':
      return 'application/pdf';
    default:
      return 'application/octet-stream';
  }
}

/** Text previews stop here; a longer file says so and offers the download. */
export const TEXT_PREVIEW_LIMIT = 2 * 1024 * 1024;

/** Media previews are assembled in memory (a blob URL) up to this size. */
export const MEDIA_PREVIEW_LIMIT = 512 * 1024 * 1024;
