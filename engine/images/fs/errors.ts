// POSIX errno values as a container's tools see them; the message is strerror's text, which busybox
// appends to its own prefix ("cat: can't open 'x': No such file or directory").

export type FsErrorCode = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EROFS' | 'EINVAL' | 'EBUSY';

const strerror: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EROFS: 'Read-only file system',
  EINVAL: 'Invalid argument',
  EBUSY: 'Resource busy',
};

/** FsError is a failed file operation: code is the errno name, message its strerror text. */
export class FsError extends Error {
  constructor(readonly code: FsErrorCode, readonly path: string) {
    super(strerror[code]);
    this.name = 'FsError';
  }
}

export function isFsError(err: unknown, code?: FsErrorCode): err is FsError {
  return err instanceof FsError && (code === undefined || err.code === code);
}

/** errorText is the strerror text of any thrown value. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
