// Runs a command to completion with a deadline; its whole process group is killed on timeout or Ctrl-C.
import { killGroup, spawnTracked } from './processes.mjs';
import { withTimeout } from './wait.mjs';

/**
 * Runs `command args` and resolves with its output; rejects with the output's tail when it fails or overruns.
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs: number, what: string }} options
 */
export async function runBounded(command, args, options) {
  const { cwd, env, timeoutMs, what } = options;
  const child = spawnTracked(command, args, { cwd, env });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let outcome;
  try {
    outcome = await withTimeout(exited, timeoutMs, what);
  } catch (error) {
    await killGroup(child);
    throw new Error(`${error.message}\n${child.output.slice(-3000)}`);
  }
  if (outcome.code !== 0) throw new Error(`${what} failed (${outcome.signal ?? `exit ${outcome.code}`}):\n${child.output.slice(-3000)}`);
  return child.output;
}
