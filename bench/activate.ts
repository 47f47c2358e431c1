// bench activate_ms: activation of the installed .vsix in the real Node extension host of code-server.
// test/harness/run-vsix.mjs loads the workbench several times (each load starts a new extension host) and reads
// two figures per load: the extension's own (activate call to ready, from its log line) and VS Code's own
// (code loading + activate call, as Developer: Show Running Extensions shows it).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { median, type Figure } from './report';

const root = process.env.AL_ROOT ?? path.resolve(__dirname, '../..');
const LOADS = 5;

/** Medians over LOADS window loads: activate_ms (goal <= 20 ms) and activate_vscode_ms. */
export function activateBench(): Figure[] {
  const result = spawnSync(process.execPath, [path.join(root, 'test/harness/run-vsix.mjs'), `--activation=${LOADS}`], { cwd: root, encoding: 'utf8', timeout: 20 * 60_000 });
  const line = /^activation: (.*)$/m.exec(result.stdout ?? '');
  if (result.status !== 0 || !line) throw new Error(`run-vsix --activation failed:\n${result.stdout}\n${result.stderr}`);
  const samples = JSON.parse(line[1]) as { call: number; total: number }[];
  console.log(`activation over ${samples.length} window loads (activate call ms / VS Code's code loading + call ms): ${samples.map((s) => `${s.call}/${s.total}`).join(', ')}`);
  return [
    { name: 'activate_ms', value: median(samples.map((s) => s.call)), unit: 'ms' },
    { name: 'activate_vscode_ms', value: median(samples.map((s) => s.total)), unit: 'ms' },
  ];
}
