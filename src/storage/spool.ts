// A stream that can be read only once (stdin, a pipe) copied to a temporary file, to be read again as often as needed.
//
// The file is unlinked as soon as it is open (where the platform allows), so nothing is left behind
// however the process ends (Ctrl-C, SIGTERM, a crash); each read is a new stream over the one descriptor.
import { closeSync, mkdtempSync, openSync, read, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

export interface Spooled {
  /** A new stream over the whole content, from its first byte. */
  open(): Readable;
  /** Bytes spooled. */
  size: number;
  /** Closes the descriptor (and removes the file where it could not be unlinked at once). */
  close(): void;
}

/** Directories still to remove at exit, on platforms that cannot unlink an open file. */
const leftover = new Set<string>();
let exitHook = false;

/** Copies `stream` to an unlinked temporary file; the returned handle reads it back any number of times. */
export async function spool(stream: Readable): Promise<Spooled> {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-spool-'));
  const fd = openSync(join(dir, 'input'), 'w+', 0o600);
  let kept: string | null = null;
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    kept = dir;
    leftover.add(dir);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const d of leftover) rmSync(d, { recursive: true, force: true });
      });
    }
  }
  let size = 0;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    closeSync(fd);
    if (kept) {
      rmSync(kept, { recursive: true, force: true });
      leftover.delete(kept);
    }
  };
  try {
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, size + done);
      size += bytes.length;
    }
  } catch (error) {
    close();
    throw error;
  }
  return {
    size,
    close,
    open: () => {
      if (closed) throw new Error('spooled input read after close');
      return reader(fd, size);
    },
  };
}

/** Bytes per read. */
const CHUNK = 1 << 16;

/** A stream over the first `size` bytes of a descriptor, by position; ending or destroying it leaves the descriptor open. */
function reader(fd: number, size: number): Readable {
  let position = 0;
  return new Readable({
    read() {
      if (position >= size) {
        this.push(null);
        return;
      }
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, size - position));
      read(fd, buffer, 0, buffer.length, position, (error, n) => {
        if (error) return this.destroy(error);
        if (n === 0) return this.destroy(new Error('the spooled input ended early'));
        position += n;
        this.push(n === buffer.length ? buffer : buffer.subarray(0, n));
      });
    },
  });
}
