import { parseServeArgs, type ServeOptions, servePortal, USAGE } from './serve';

/** The embedded portal's command line (`npm run portal -- --help`). */

async function main(): Promise<void> {
  let options: ServeOptions;
  try {
    options = parseServeArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`portal: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const running = await servePortal(options);
  console.log(`ODS Explorer and portal API at ${running.url}  (data: ${options.data})`);
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
