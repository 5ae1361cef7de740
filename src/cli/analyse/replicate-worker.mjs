// Worker bootstrap: TypeScript through tsx, unless the parent's --import already loads it.
import { execArgv } from 'node:process';
import { register } from 'tsx/esm/api';
if (!execArgv.some((a) => a.includes('tsx'))) register();
await import('./replicate-worker.ts');
