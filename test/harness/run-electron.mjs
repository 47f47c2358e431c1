// `npm run test:electron`: the same in-host suite (out/test/host/node) in desktop VS Code, downloaded by
// @vscode/test-electron. Needs a machine that can reach VS Code's download site (not these CI machines) and a display
// (or xvfb-run). Build first: `node scripts/build.mjs --host`.
import { runTests } from '@vscode/test-electron';
import { existsSync } from 'node:fs';
import { fixtureWorkspace, nodeSuite, root } from './lib/paths.mjs';

if (!existsSync(nodeSuite)) {
  console.error(`${nodeSuite} is missing: run \`node scripts/build.mjs --host\``);
  process.exit(1);
}
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: nodeSuite,
    launchArgs: [fixtureWorkspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
  console.log('electron: in-host suite passed');
} catch (error) {
  console.error(`electron: ${error.message ?? error}`);
  process.exit(1);
}
