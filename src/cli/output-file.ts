// Output files (-o, --rejects, shards): never one of the inputs; devices and FIFOs written in place, symlinks followed, files replaced atomically.
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, realpathSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, resolve, sep } from 'node:path';
import { UsageError, WriteError } from './errors.js';
import { writeFileAtomic } from './io.js';
import { writeReason } from './write-reason.js';

/** A file a command reads or writes, and what it is to the command (`input`, `--config`, `-o`…). */
export interface Role {
  what: string;
  path: string;
}

/** A role for a path that may be absent (an option not given). */
export function role(what: string, path: string | null | undefined): Role | null {
  return path ? { what, path } : null;
}

/** Device and inode of what a path names (symlinks followed), or null when nothing is there. */
function identity(path: string): { id: string; dir: boolean } | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? { id: `${stat.dev}:${stat.ino}`, dir: stat.isDirectory() } : null;
}

/** A file that does not exist yet, by its absolute path (through its folder's real path). */
function newFileKey(path: string): string {
  try {
    return `new:${realpathSync(dirname(resolve(path)))}${sep}${basename(path)}`;
  } catch {
    return `new:${resolve(path)}`;
  }
}

const describe = (r: Role): string => (r.what === 'input' ? `the input ${r.path}` : `the ${r.what} file${r.path ? ` ${r.path}` : ''}`);

/**
 * Refuse outputs that would destroy what the run reads: an output that is an input, the config or
 * another file read (same device and inode, through any symlink or hard link), that lies inside an
 * input folder, or that two outputs share. `stdout` adds standard output when it is a regular file
 * (`rapport analyze in.csv >> in.csv`). Checked before anything is opened for writing.
 */
export function checkOutputs(outputs: readonly (Role | null | undefined)[], reads: readonly (Role | null | undefined)[], stdout = false): void {
  const read = new Map<string, Role>();
  const folders: { real: string; role: Role }[] = [];
  for (const r of reads) {
    if (!r || r.path === '-') continue;
    const found = identity(r.path);
    if (!found) continue;
    if (!read.has(found.id)) read.set(found.id, r);
    if (found.dir) folders.push({ real: realpathSync(r.path), role: r });
  }
  const written = new Map<string, Role>();
  const check = (o: Role, key: string, isFile: boolean): void => {
    const input = read.get(key);
    if (input) throw new UsageError(`${o.what} ${o.path} is ${describe(input)}: writing it would destroy it; choose another file`);
    if (isFile) {
      const real = realpathSync(o.path);
      const folder = folders.find((f) => real.startsWith(`${f.real}${sep}`));
      if (folder) throw new UsageError(`${o.what} ${o.path} is inside the input folder ${folder.role.path}; choose a file outside it`);
    }
    const other = written.get(key);
    if (other) throw new UsageError(`${other.what} and ${o.what} both write ${o.path}; give each its own file`);
    written.set(key, o);
  };
  for (const o of outputs) {
    if (!o) continue;
    const stat = statSync(o.path, { throwIfNoEntry: false });
    // Devices (/dev/null) and FIFOs can take several outputs; only files are destroyed by a write.
    if (stat && !stat.isFile() && !stat.isDirectory()) continue;
    check(o, stat ? `${stat.dev}:${stat.ino}` : newFileKey(o.path), Boolean(stat?.isFile()));
  }
  if (stdout) {
    const stat = fstatSync(1);
    if (stat.isFile()) {
      const input = read.get(`${stat.dev}:${stat.ino}`);
      if (input) throw new UsageError(`standard output is ${describe(input)}: writing it would destroy it; redirect it to another file`);
    }
  }
}

/** Where a chain of symlinks ends (that file may not exist yet: a dangling link makes its target). */
function followLinks(path: string): string {
  let at = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const stat = lstatSync(at, { throwIfNoEntry: false });
    if (!stat?.isSymbolicLink()) return at;
    at = resolve(dirname(at), readlinkSync(at));
  }
  throw new WriteError(path, 'too many levels of symbolic links');
}

/**
 * Write an output file whole. A device or FIFO (/dev/null, /dev/stdout, a named pipe) is written in
 * place; a symlink is followed and its target written; a regular file or new path is replaced
 * atomically (temporary file in the same folder, then a rename), keeping the old file's permissions.
 * Any failure is one WriteError naming the path as given. A reader that closed a FIFO is not an error.
 */
export function writeOutputFile(path: string, text: string): void {
  // stat follows every link the kernel does (also /dev/stdout → /proc/self/fd/1 → a pipe).
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw new WriteError(path, 'is a directory');
  if (stat && !stat.isFile()) {
    writeInPlace(path, text);
    return;
  }
  // A file: replaced where the links end. Nothing there yet: a new file, or the target of a dangling link.
  const target = stat ? realpathSync(path) : followLinks(path);
  const folder = dirname(target);
  const folderStat = statSync(folder, { throwIfNoEntry: false });
  const through = target === resolve(path) ? '' : ` (where the symlink points: ${target})`;
  if (!folderStat) throw new WriteError(path, `no such folder ${through ? folder : dirname(path)}${through}`);
  if (!folderStat.isDirectory()) throw new WriteError(path, `${through ? folder : dirname(path)} is not a folder${through}`);
  try {
    writeFileAtomic(target, text, stat?.mode);
  } catch (error) {
    throw new WriteError(path, writeReason(error));
  }
}

function writeInPlace(path: string, text: string): void {
  let fd: number;
  try {
    // No O_CREAT, no O_TRUNC: a device or FIFO is written as it is, never replaced.
    fd = openSync(path, constants.O_WRONLY);
  } catch (error) {
    throw new WriteError(path, writeReason(error));
  }
  try {
    const bytes = Buffer.from(text);
    for (let done = 0; done < bytes.length; ) {
      try {
        done += writeSync(fd, bytes, done, bytes.length - done);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw new WriteError(path, writeReason(error));
  } finally {
    closeSync(fd);
  }
}
