import { describe, expect, it } from 'vitest';
import { previewKind, safeBlobType } from '../../src/preview/mediaKind';

describe('preview kind', () => {
  it('picks the viewer from the sealed media type or the extension', () => {
    expect(previewKind('application/pdf', 'pdf')).toBe('pdf');
    expect(previewKind('image/png', 'png')).toBe('image');
    expect(previewKind('application/octet-stream', 'JPG')).toBe('image');
    expect(previewKind('text/plain', 'txt')).toBe('text');
    expect(previewKind('application/octet-stream', 'cs')).toBe('text');
    expect(previewKind('audio/mpeg', 'mp3')).toBe('audio');
    expect(previewKind('video/mp4', 'mp4')).toBe('video');
    expect(previewKind('application/zip', 'zip')).toBe('none');
  });

  it('shows SVG and HTML as text, never as a document or image that could run script', () => {
    expect(previewKind('image/svg+xml', 'svg')).toBe('text');
    expect(previewKind('text/html', 'html')).toBe('text');
  });

  it('gives blob URLs a type that cannot be sniffed into HTML', () => {
    expect(safeBlobType('image', 'text/html', 'png')).toBe('image/png');
    expect(safeBlobType('video', 'video/webm', 'webm')).toBe('video/webm');
    expect(safeBlobType('audio', 'application/x-whatever', 'zzz')).toBe('application/octet-stream');
  });
});
