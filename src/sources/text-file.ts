// Files read whole (config, reports, labels, models, annotations): a size cap, any kind of file, no BOM.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InputError, describeReadError } from './errors.js';

/** Caps for files that are read whole, by what they hold. */
export const FILE_CAPS = {
  config: 4 * 1024 * 1024,
  report: 64 * 1024 * 1024,
  labels: 256 * 1024 * 1024,
  model: 64 * 1024 * 1024,
  counts: 256 * 1024 * 1024,
  annotation: 64 * 1024 * 1024,
} as const;

export const mib = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MiB`;

/**
 * The bytes of a file read whole, at most `cap` of them: a regular file larger than that is refused by
 * its size, anything else (a pipe, `<(…)`, a device like /dev/zero) by reading one byte more than the cap.
 * Errors name the file as given; `what` says what the file should have been.
 */
export function readFileCapped(path: string, cap: number, what: string, missing = 'no such file'): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new InputError(path, null, (error as NodeJS.ErrnoException).code === 'ENOENT' ? missing : describeReadError(error));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(path, null, `is a directory, expected ${what}`);
    const tooLarge = (): InputError => new InputError(path, null, `larger than ${mib(cap)}; too large for ${what}`);
    if (stat.isFile() && stat.size > cap) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, cap + 1 - total));
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          // A non-blocking pipe (stdin) with nothing yet: wait a little, then read again.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        throw new InputError(path, null, describeReadError(error));
      }
      if (n === 0) break;
      // /dev/zero and other binary files: said at once, not after reading the cap.
      if (total === 0 && buf.subarray(0, n).includes(0)) throw new InputError(path, null, `binary file, not text (it contains NUL bytes); expected ${what}`);
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > cap) throw tooLarge();
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** A file read whole as UTF-8 text (a leading BOM dropped), at most `cap` bytes. */
export function readTextCapped(path: string, cap: number, what: string, missing?: string): string {
  return readFileCapped(path, cap, what, missing).toString('utf8').replace(/^\uFEFF/, '');
}
