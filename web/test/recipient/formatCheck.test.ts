import { describe, expect, it } from 'vitest';
import { checkFileFormat, checkSameFormat, extensionOf } from '../../src/recipient/formatCheck';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

describe('extension of a file name', () => {
  it('is lower-case, without the dot, empty for none or a leading dot only', () => {
    expect(extensionOf('Report.PDF')).toBe('pdf');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('odd.')).toBe('');
  });
});

describe('same-format check before an upload', () => {
  it('accepts the same extension in any case with matching content', () => {
    expect(checkSameFormat('pdf', 'Quarterly v2.PDF', bytes('%PDF-1.7\n'))).toEqual({ ok: true });
    expect(checkSameFormat('png', 'a.png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toEqual({ ok: true });
    expect(checkSameFormat('jpg', 'a.JPG', bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: true });
    expect(checkSameFormat('gif', 'a.gif', bytes('GIF89a'))).toEqual({ ok: true });
    expect(checkSameFormat('webp', 'a.webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toEqual({ ok: true });
    expect(checkSameFormat('docx', 'a.docx', bytes('PK', [3, 4], 'rest'))).toEqual({ ok: true });
    expect(checkSameFormat('xlsx', 'a.xlsx', bytes('PK', [3, 4]))).toEqual({ ok: true });
  });

  it('refuses another extension, naming both', () => {
    const verdict = checkSameFormat('pdf', 'notes.docx', bytes('PK', [3, 4]));
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.message).toMatch(/must be a \.pdf file.*is a \.docx file.*Nothing was uploaded/);
    expect(checkSameFormat('', 'a.txt', bytes('x')).ok).toBe(false);
    expect(checkSameFormat('txt', 'README', bytes('x')).ok).toBe(false);
  });

  it('refuses content whose signature does not match its extension', () => {
    const verdict = checkSameFormat('pdf', 'fake.pdf', bytes('hello, not a pdf'));
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.message).toMatch(/content is not a \.pdf file/);
    expect(checkSameFormat('png', 'x.png', bytes([0xff, 0xd8, 0xff])).ok).toBe(false);
    expect(checkSameFormat('webp', 'x.webp', bytes('RIFF', [0, 0, 0, 0], 'WAVE')).ok).toBe(false);
    expect(checkSameFormat('docx', 'x.docx', bytes('%PDF-')).ok).toBe(false);
    expect(checkSameFormat('pdf', 'empty.pdf', new Uint8Array(0)).ok).toBe(false);
  });

  it('does not judge the content of formats it has no signature for', () => {
    expect(checkSameFormat('txt', 'notes.TXT', bytes([0, 1, 2]))).toEqual({ ok: true });
    expect(checkSameFormat('', 'Makefile', bytes('all:'))).toEqual({ ok: true });
  });

  it('reads only the head of a File', async () => {
    const file = new File([bytes('%PDF-1.4\n'), new Uint8Array(100_000)], 'Big.pdf');
    expect(await checkFileFormat('pdf', file)).toEqual({ ok: true });
    expect((await checkFileFormat('pdf', new File([bytes('GIF89a')], 'x.pdf'))).ok).toBe(false);
  });
});
