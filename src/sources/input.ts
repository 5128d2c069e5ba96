// Opening inputs: files, gzip files and stdin, as byte streams with a display name.
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** One input the user named: a path, or `-` for standard input. */
export interface InputFile {
  /** The name used in diagnostics: the path as given, or `<stdin>`. */
  name: string;
  path: string | null;
  /** A stream with no path that `open` reads again from its start each time (stdin once spooled to a temporary file). */
  reopenable?: boolean;
  open(): Readable;
}

export function inputFromPath(path: string): InputFile {
  if (path === '-') {
    return { name: '<stdin>', path: null, open: () => process.stdin };
  }
  const open = (): Readable => {
    const raw = createReadStream(path);
    return path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  };
  const stat = statSync(path, { throwIfNoEntry: false });
  // A FIFO, a `<(…)` pipe or a device can be read only once: a stream like stdin (no path to open again).
  if (stat && !stat.isFile() && !stat.isDirectory()) return { name: path, path: null, open };
  return { name: path, path, open };
}

/** An input held in memory (tests, and stdin once it has been read). */
export function inputFromText(name: string, text: string | Buffer): InputFile {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  return { name, path: null, open: () => Readable.from([bytes]) };
}
