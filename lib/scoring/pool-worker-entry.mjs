// A scoring thread's entry point: plain JavaScript, so that any process can
// start it (`next start` runs compiled code, the CLI and tests run through
// tsx); it registers tsx for this thread and loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.ts');
