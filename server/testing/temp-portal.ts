import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Store } from '../store/store';

/**
 * A portal folder and its store in a fresh temporary folder, for tests that write sources, sync,
 * change the sources and sync again.
 */
export interface TempPortal {
  dir: string;
  store: Store;
  /** Writes a file under the portal folder (parents created); objects are written as JSON. */
  write(path: string, content: string | Buffer | object): string;
  remove(path: string): void;
  /** Sets a file's modification time, so that a rewrite with the same size still looks changed. */
  touch(path: string, seconds: number): void;
  cleanup(): void;
}

export function tempPortal(): TempPortal {
  const root = mkdtempSync(join(tmpdir(), 'ods-store-'));
  const dir = join(root, 'portal');
  mkdirSync(dir);
  const store = new Store(join(root, 'portal.sqlite'));
  return {
    dir,
    store,
    write(path, content) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      const bytes =
        typeof content === 'string' || Buffer.isBuffer(content)
          ? content
          : `${JSON.stringify(content, null, 2)}\n`;
      writeFileSync(file, bytes);
      return file;
    },
    remove(path) {
      rmSync(join(dir, path), { recursive: true, force: true });
    },
    touch(path, seconds) {
      utimesSync(join(dir, path), seconds, seconds);
    },
    cleanup() {
      store.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
