import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * After `vite build`: prints every JavaScript chunk's gzipped size, and fails when the JavaScript
 * the first page (the catalog) loads goes over budget. That is the entry chunk and everything it
 * imports statically; lazily loaded chunks (map, charts) are not in it.
 */
const BUDGET_KB = 200;
const dist = 'dist';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;
const gzipKb = (file: string) => gzipSync(readFileSync(join(dist, file))).length / 1024;

const rows = Object.values(manifest)
  .filter((chunk) => chunk.file.endsWith('.js'))
  .map((chunk) => ({ file: chunk.file, kb: gzipKb(chunk.file) }))
  .sort((a, b) => b.kb - a.kb);
console.log('\nJavaScript chunks (gzipped):');
for (const row of rows) console.log(`  ${row.kb.toFixed(1).padStart(8)} KB  ${row.file}`);

const initial = new Set<string>();
const visit = (key: string) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
const initialKb = [...initial].reduce((sum, file) => sum + gzipKb(file), 0);
console.log(
  `\nCatalog route loads ${initialKb.toFixed(1)} KB of gzipped JavaScript (budget ${BUDGET_KB} KB).`,
);
if (initialKb > BUDGET_KB) {
  console.error(`Over budget by ${(initialKb - BUDGET_KB).toFixed(1)} KB: move code behind a lazy import.`);
  process.exit(1);
}
