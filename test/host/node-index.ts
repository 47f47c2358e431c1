// Entry of the in-host suite for Node extension hosts (code-server, desktop VS Code via @vscode/test-electron).
// VS Code calls `run()` once the extension under development is loaded; a rejected promise fails the run.
import Mocha from 'mocha';
import { loadSuites } from 'host-suites';
import { runAndReport } from './report';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30_000 });
  // Put `suite`, `test`, `setup`... on the global object before the bundled suites are defined.
  mocha.suite.emit('pre-require', globalThis, 'host-suites', mocha);
  loadSuites();
  return runAndReport((done) => mocha.run(done));
}
