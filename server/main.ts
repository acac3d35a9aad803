import { parseArgs } from 'node:util';
import { FEEDBACK_USAGE, FeedbackUsageError, feedbackCommand } from './feedback/feedback-cli';
import { defaultDbFor, openPortal, parseServeArgs, type ServeOptions, servePortal, USAGE } from './serve';
import { SNAPSHOTS_USAGE, SnapshotsUsageError, snapshotsCommand } from './snapshot-cli';
import { takeSnapshot } from './store/snapshot';

/** The embedded portal's command line (`npm run portal -- --help`). */

class UsageError extends Error {}

/** `portal snapshot <dataset_id> [--data DIR] [--db FILE] [--description TEXT]`. */
function snapshotCommand(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      db: { type: 'string' },
      description: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [datasetId, ...rest] = positionals;
  if (datasetId === undefined || rest.length > 0) {
    throw new UsageError('snapshot takes exactly one dataset id');
  }
  const { store } = openPortal(values.data, values.db ?? defaultDbFor(values.data), (line) =>
    console.error(line),
  );
  try {
    if (!store.dataset(datasetId)) throw new Error(`no dataset "${datasetId}" in this portal`);
    const snapshot = takeSnapshot(store, datasetId, values.description ?? 'Taken from the command line');
    console.log(snapshot.snapshotId);
  } finally {
    store.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'snapshot') {
    try {
      snapshotCommand(argv.slice(1));
    } catch (error) {
      const usage =
        error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      console.error(`portal snapshot: ${(error as Error).message}${usage ? `\n${USAGE}` : ''}`);
      process.exit(usage ? 2 : 1);
    }
    return;
  }
  if (argv[0] === 'feedback') {
    try {
      feedbackCommand(argv.slice(1));
    } catch (error) {
      const usage =
        error instanceof FeedbackUsageError ||
        (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      console.error(`portal feedback: ${(error as Error).message}${usage ? `\n${FEEDBACK_USAGE}` : ''}`);
      process.exit(usage ? 2 : 1);
    }
    return;
  }
  if (argv[0] === 'snapshots') {
    try {
      snapshotsCommand(argv.slice(1));
    } catch (error) {
      const usage =
        error instanceof SnapshotsUsageError ||
        (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      console.error(`portal snapshots: ${(error as Error).message}${usage ? `\n${SNAPSHOTS_USAGE}` : ''}`);
      process.exit(usage ? 2 : 1);
    }
    return;
  }
  let options: ServeOptions;
  try {
    options = parseServeArgs(argv);
  } catch (error) {
    console.error(`portal: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const running = await servePortal(options);
  console.log(
    `ODS Explorer and portal API at ${running.url}  (data: ${options.data ?? 'the sample portal'}, db: ${options.db}, API: ${(options.api ?? ['2.0', '2.1']).join(' and ')})`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  console.error(`portal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
