const byExtension: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  svg: 'image/svg+xml', bmp: 'image/bmp', tif: 'image/tiff', tiff: 'image/tiff', txt: 'text/plain', md: 'text/markdown',
  csv: 'text/csv', html: 'text/html', htm: 'text/html', json: 'application/json', xml: 'application/xml', zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  mp3: 'audio/mpeg', wav: 'audio/wav', ogg: 'audio/ogg', flac: 'audio/flac', mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime',
};

/** The media type sealed into a version's metadata: the browser's, else one known from the extension (as the CLI does). */
export function mediaTypeOf(browserType: string, extension: string): string {
  return browserType || byExtension[extension.toLowerCase()] || 'application/octet-stream';
}
