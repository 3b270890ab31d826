import { describe, expect, it } from 'vitest';
import { MEDIA_PREVIEW_LIMIT } from '../../src/preview/mediaKind';
import { plaintextHead, previewPlan } from '../../src/preview/previewSource';

const GiB = 1024 ** 3;

function chunks(sizes: number[]): ReadableStream<Uint8Array<ArrayBuffer>> {
  let n = 0;
  return new ReadableStream({
    pull(controller) {
      if (n === sizes.length) return controller.close();
      const size = sizes[n]!;
      controller.enqueue(Uint8Array.from({ length: size }, (_, i) => (n * 7 + i) % 256));
      n++;
    },
  });
}

describe('preview plan (decided before any byte is fetched)', () => {
  it('refuses an unknown type with the reason, offering the download', () => {
    expect(previewPlan({ mediaType: 'application/zip', extension: 'zip', size: 10 })).toEqual({
      kind: 'none',
      refusal: 'A preview is not available for this type of file (application/zip).',
    });
  });

  it('refuses media over the in-memory limit (a 5 GiB video or PDF is never buffered)', () => {
    for (const [mediaType, extension] of [['video/mp4', 'mp4'], ['application/pdf', 'pdf'], ['image/png', 'png']]) {
      const plan = previewPlan({ mediaType: mediaType!, extension: extension!, size: 5 * GiB });
      expect(plan.refusal).toMatch(/Download it instead/);
    }
    expect(previewPlan({ mediaType: 'application/pdf', extension: 'pdf', size: MEDIA_PREVIEW_LIMIT }).refusal).toBeNull();
  });

  it('previews a large text file (only its head is kept)', () => {
    expect(previewPlan({ mediaType: 'text/plain', extension: 'log', size: 5 * GiB })).toEqual({ kind: 'text', refusal: null });
  });
});

describe('plaintextHead', () => {
  it('keeps only the first bytes but reads the stream to its end', async () => {
    const { head, total } = await plaintextHead(chunks([5, 5, 5, 5]), 12);
    expect(total).toBe(20);
    expect(Array.from(head)).toEqual([0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 15]);
  });

  it('returns a short stream whole', async () => {
    const { head, total } = await plaintextHead(chunks([3]), 12);
    expect(total).toBe(3);
    expect(head.length).toBe(3);
  });

  it('fails when the stream fails at its end (a hash mismatch is never shown)', async () => {
    let sent = false;
    const failing = new ReadableStream<Uint8Array<ArrayBuffer>>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new Uint8Array(4));
        } else controller.error(new Error('plaintext SHA-256 mismatch'));
      },
    });
    await expect(plaintextHead(failing, 2)).rejects.toThrow(/mismatch/);
  });
});
