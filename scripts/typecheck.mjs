// `npm run typecheck`: one TypeScript project per runtime, so the core cannot use the DOM or Node, the webview
// cannot use Node, the extension cannot use the DOM, and the Node programs (cli, server) cannot use either editor; then tests and benchmarks (tsconfig.json), which see all;
// then the `.mjs` scripts and test harness, checked through their JSDoc types (tsconfig.scripts.json).
import { spawnSync } from 'node:child_process';

const projects = ['tsconfig.core.json', 'tsconfig.webview.json', 'tsconfig.extension.json', 'tsconfig.cli.json', 'tsconfig.json', 'tsconfig.scripts.json'];
let failed = 0;
for (const project of projects) {
  const result = spawnSync('npx', ['tsc', '--noEmit', '-p', project], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`typecheck: ${project} failed`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
