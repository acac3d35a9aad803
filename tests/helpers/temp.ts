import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A path for a portal's SQLite file in a fresh temporary folder. */
export function temporaryPortalDb(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'ods-test-'));
  return { file: join(dir, 'portal.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
