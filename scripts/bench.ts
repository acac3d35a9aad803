import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { benchAnalyze } from './bench-analyze';
import { benchExports } from './bench-exports';
import { benchGrid } from './bench-grid';
import { benchLoad } from './bench-load';
import { benchMap } from './bench-map';
import { benchPortal } from './bench-portal';

/**
 * `npm run bench`: every benchmark, one after the other (they would disturb each other's timings
 * if run at once), each writing its own section of BENCHMARKS.md. Makes the 1,000,000-row dataset
 * first when it is missing.
 */
if (!existsSync('.portal/bench')) {
  console.log('Making the 1,000,000-row benchmark dataset…');
  const made = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/make-bench-portal.ts'], {
    stdio: 'inherit',
  });
  if (made.status !== 0) process.exit(made.status ?? 1);
}
await benchPortal();
await benchExports();
await benchLoad();
await benchGrid();
await benchMap();
await benchAnalyze();
