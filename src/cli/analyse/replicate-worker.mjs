// Worker bootstrap: TypeScript through tsx (a worker does not inherit the parent's loader hooks).
import { register } from 'tsx/esm/api';
register();
await import('./replicate-worker.ts');
