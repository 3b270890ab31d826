/** A FIFO of byte chunks that hands out exact-size pieces without re-copying everything on each push. */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0;
  length = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Removes and returns the first n bytes (n ≤ length) as one array. */
  take(n: number): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(n);
    let written = 0;
    while (written < n) {
      const chunk = this.chunks[0]!;
      const available = chunk.length - this.head;
      const count = Math.min(available, n - written);
      out.set(chunk.subarray(this.head, this.head + count), written);
      written += count;
      if (count === available) {
        this.chunks.shift();
        this.head = 0;
      } else {
        this.head += count;
      }
    }
    this.length -= n;
    return out;
  }

  /** Copies the first n bytes without removing them. */
  peek(n: number): Uint8Array<ArrayBuffer> {
    const saved = { chunks: [...this.chunks], head: this.head, length: this.length };
    const out = this.take(n);
    this.chunks = saved.chunks;
    this.head = saved.head;
    this.length = saved.length;
    return out;
  }
}
