// Everything the harness starts is registered here and shut down on success, failure, timeout or Ctrl-C.
import { spawn } from 'node:child_process';

/**
 * A process started by spawnTracked: its recent output, and a stop that kills its group once.
 * @typedef {import('node:child_process').ChildProcessByStdio<null, import('node:stream').Readable, import('node:stream').Readable> & { output: string, stop: () => Promise<void> }} TrackedChild
 */

/** Cleanups run in reverse order of registration; each runs once. @type {(() => Promise<void>)[]} */
const cleanups = [];
/** @type {Promise<void> | undefined} */
let cleaning;

/**
 * Registers an async cleanup; returns a function that runs it now (and unregisters it).
 * @param {() => unknown} fn
 * @returns {() => Promise<void>}
 */
export function onCleanup(fn) {
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    const i = cleanups.indexOf(run);
    if (i >= 0) cleanups.splice(i, 1);
    try {
      await fn();
    } catch (error) {
      console.error(`cleanup failed: ${error?.message ?? error}`);
    }
  };
  cleanups.push(run);
  return run;
}

/** Runs every registered cleanup (newest first), at most `timeoutMs` in all. */
export function cleanupAll(timeoutMs = 10_000) {
  cleaning ??= (async () => {
    const all = async () => {
      while (cleanups.length) await cleanups[cleanups.length - 1]();
    };
    await Promise.race([all(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    cleaning = undefined;
  })();
  return cleaning;
}

let handlersInstalled = false;
/** Ctrl-C, SIGTERM and uncaught errors shut down what was started, then exit non-zero. */
export function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.error(`\n${signal}: shutting down`);
      cleanupAll().finally(() => process.exit(130));
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    cleanupAll().finally(() => process.exit(1));
  });
  process.on('unhandledRejection', (error) => {
    console.error(error);
    cleanupAll().finally(() => process.exit(1));
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills a process group started with `detached: true`: SIGTERM, then SIGKILL after `graceMs`. */
export async function killGroup(child, graceMs = 3000) {
  if (!child.pid || !alive(child.pid)) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  signalGroup('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(child.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  signalGroup('SIGKILL');
}

/**
 * Spawns a command in its own process group (so its children die with it) and registers its shutdown.
 * Output is kept in `child.output` (last 200 kB) for error reports and waits.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {import('node:child_process').SpawnOptions} [options]
 * @returns {TrackedChild}
 */
export function spawnTracked(command, args, options = {}) {
  const child = /** @type {TrackedChild} */ (spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }));
  child.output = '';
  const keep = (chunk) => {
    child.output = (child.output + chunk.toString()).slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.stop = onCleanup(() => killGroup(child));
  child.on('exit', () => child.stop());
  return child;
}
