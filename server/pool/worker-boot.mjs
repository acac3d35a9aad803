// A query worker's entry: registers tsx in the new thread (a worker does not inherit the main
// thread's module hooks under vitest, nor is it given `--import tsx`), then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./query-worker.ts');
