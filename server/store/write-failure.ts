/**
 * Whether an error means the store cannot be written (a full disk, a read-only filesystem), as
 * opposed to a broken source file: ingest stops and the portal serves what the store has, and
 * feedback answers 503 instead of a 201 it could not keep.
 */
export function isWriteFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    code === 'SQLITE_FULL' ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_READONLY') ||
    code === 'ENOSPC' ||
    code === 'EROFS' ||
    code === 'EDQUOT'
  );
}
