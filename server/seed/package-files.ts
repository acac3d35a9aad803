import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reading the npm data packages the sample portal is built from. Packages are found in the nearest
 * `node_modules` above this file, as Node would resolve them; some (vega-datasets) export no
 * `package.json`, so `require.resolve` cannot be used for their files.
 */

const here = dirname(fileURLToPath(import.meta.url));

export function packageDir(name: string): string {
  for (let dir = here; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`the npm package "${name}" is not installed (run npm ci)`);
  }
}

export function packageVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

export function packageFile(name: string, path: string): Buffer {
  return readFileSync(join(packageDir(name), path));
}

export function packageJson<T>(name: string, path: string): T {
  return JSON.parse(packageFile(name, path).toString('utf8')) as T;
}

/** One CSV line: cells quoted only when they must be (delimiter, quote, line break, edge spaces). */
export function csvLine(cells: readonly (string | number | null)[], delimiter: string): string {
  return cells
    .map((cell) => {
      if (cell === null) return '';
      const text = String(cell);
      if (
        text.includes(delimiter) ||
        text.includes('"') ||
        text.includes('\n') ||
        text.includes('\r') ||
        text !== text.trim()
      ) {
        return `"${text.replace(/"/g, '""')}"`;
      }
      return text;
    })
    .join(delimiter);
}

/** A JSON array with one record per line: readable, diffable, and parsed as fast as compact JSON. */
export function jsonLines(records: readonly unknown[]): string {
  return `[\n${records.map((record) => JSON.stringify(record)).join(',\n')}\n]\n`;
}
