import { buildIfStale } from './build-state';

// `npm start`: build the explorer when needed, then run the portal CLI with the same arguments.
buildIfStale();
await import('../server/main');
