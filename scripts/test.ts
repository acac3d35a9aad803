import { existsSync } from 'node:fs';
import { chromiumPath } from '../tests/helpers/chromium';
import { buildIfStale, run } from './build-state';

/** `npm test`: typecheck, lint, unit tests, then e2e in Chromium, stopping at the first failure. */

const browser = chromiumPath();
if (!existsSync(browser)) {
  console.error(
    `npm test needs Chromium at ${browser}: install it with \`sudo apt-get install -y chromium fonts-liberation\` (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}

const node = process.execPath;
const steps: [string, string[]][] = [
  ['typecheck', [node, 'node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['lint', [node, 'node_modules/@biomejs/biome/bin/biome', 'check', '.']],
  ['unit', [node, 'node_modules/vitest/vitest.mjs', 'run']],
];
for (const [name, [command, ...args]] of steps) {
  console.log(`\n▶ ${name}`);
  const status = run(command!, args);
  if (status !== 0) {
    console.error(`\n✖ ${name} failed`);
    process.exit(status);
  }
}
console.log('\n▶ build');
buildIfStale();
// The bundle budget (what the catalog route loads) is checked on every run, as `npm run build` does.
const budget = run(node, ['node_modules/tsx/dist/cli.mjs', 'scripts/check-bundle.ts']);
if (budget !== 0) {
  console.error('\n✖ bundle budget exceeded');
  process.exit(budget);
}
console.log('\n▶ e2e');
const status = run(node, ['node_modules/@playwright/test/cli.js', 'test']);
if (status !== 0) {
  console.error('\n✖ e2e failed');
  process.exit(status);
}
console.log('\n✔ all tests passed');
