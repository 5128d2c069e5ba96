// Why a write failed, in a few words: no errno numbers, no temporary file names.

/** A short reason for a failed write (no errno numbers, no temporary file names). */
export function writeReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOSPC': return 'no space left on the device';
    case 'EDQUOT': return 'disk quota exceeded';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EROFS': return 'read-only file system';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EFBIG': return 'file too large';
    case 'EIO': return 'input/output error';
    default: return (e.message ?? String(error)).replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
  }
}
