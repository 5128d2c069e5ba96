// Strings a large run must keep but seldom reads again (quote candidates, at-risk items), kept on disk.
//
// Records are buffered in memory and written to a temporary file once the buffer fills; the file is
// unlinked as soon as it is open (where the platform allows), so nothing is left behind even if the
// process is killed. Small runs never touch the disk. Reading a record back is one positioned read.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes buffered before a write. */
const BUFFER = 1 << 20;

export class Spill {
  private fd: number | null = null;
  private path: string | null = null;
  /** Grows from a small start to `bufferSize`: many small stores (one per group) cost little. */
  private buffer = Buffer.alloc(0);
  /** Bytes in `buffer` not yet written. */
  private pending = 0;
  /** Bytes in the file. */
  private written = 0;
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private count = 0;
  private scratch = Buffer.allocUnsafe(4096);

  constructor(private readonly bufferSize = BUFFER) {}

  /** Records stored. */
  get size(): number {
    return this.count;
  }

  /** Stores a string; the handle it returns reads it back. */
  add(text: string): number {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.pending + bytes > this.buffer.length && this.buffer.length < this.bufferSize) {
      const bigger = Buffer.allocUnsafe(Math.min(this.bufferSize, Math.max(4096, 2 * this.buffer.length, this.pending + bytes)));
      this.buffer.copy(bigger, 0, 0, this.pending);
      this.buffer = bigger;
    }
    if (this.pending + bytes > this.buffer.length) this.flush();
    const offset = this.written + this.pending;
    if (this.pending + bytes > this.buffer.length) {
      this.write(Buffer.from(text, 'utf8'));
    } else {
      this.pending += this.buffer.write(text, this.pending, 'utf8');
    }
    if (this.count === this.offsets.length) {
      const offsets = new Float64Array(this.count * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const lengths = new Uint32Array(this.count * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    this.offsets[this.count] = offset;
    this.lengths[this.count] = bytes;
    return this.count++;
  }

  /** The string stored under `handle`. */
  get(handle: number): string {
    if (!(handle >= 0 && handle < this.count)) throw new RangeError(`no spilled record ${handle}`);
    const offset = this.offsets[handle]!;
    const length = this.lengths[handle]!;
    if (offset >= this.written) {
      const from = offset - this.written;
      return this.buffer.toString('utf8', from, from + length);
    }
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, this.scratch.length * 2));
    let read = 0;
    while (read < length) {
      const n = readSync(this.fd!, this.scratch, read, length - read, offset + read);
      if (n === 0) throw new Error(`spill file ended early reading record ${handle}`);
      read += n;
    }
    return this.scratch.toString('utf8', 0, length);
  }

  /** Frees the buffer and removes the file. The store cannot be used afterwards. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.path !== null) rmSync(join(this.path, '..'), { recursive: true, force: true });
    this.fd = null;
    this.path = null;
    this.buffer = Buffer.alloc(0);
    this.count = 0;
    this.pending = 0;
  }

  private flush(): void {
    if (this.pending === 0) return;
    this.write(this.buffer.subarray(0, this.pending));
    this.pending = 0;
  }

  private write(bytes: Buffer): void {
    if (this.fd === null) this.open();
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done, this.written + done);
    this.written += bytes.length;
  }

  private open(): void {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-spill-'));
    const file = join(dir, 'records');
    this.fd = openSync(file, 'w+', 0o600);
    try {
      // Unlinked while open: the space is freed when the descriptor closes, even after a crash.
      rmSync(dir, { recursive: true, force: true });
    } catch {
      this.path = file;
    }
  }
}
