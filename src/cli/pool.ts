/**
 * Runs file tasks inline or on a bounded pool of worker threads. Each worker holds at most one batch of tasks, so
 * memory stays bounded by the pool size however large the tree; results come back in any order and are put back
 * in file order by the caller. A stop request (Ctrl-C during --fix) dispatches nothing more and waits for the
 * batches in flight, so no file is left half-written.
 */
import { Worker } from 'node:worker_threads';
import { runFileTask, type FileResult, type FileTask } from './fileTask';

/** Below this many files, starting threads costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 48;
const BATCH = 16;

export interface PoolOptions {
  readonly jobs: number;
  /** The script a worker runs (the command-line bundle); without it everything runs inline. */
  readonly workerScript?: string;
  readonly stopped: () => boolean;
}

/** Marks a worker thread started by the pool, and runs its loop. Call first thing in the bundle's entry. */
export const WORKER_FLAG = 'activationLensWorker';

export function workerLoop(port: { on: (event: 'message', cb: (batch: FileTask[]) => void) => void; postMessage: (r: FileResult[]) => void }): void {
  port.on('message', (batch) => {
    port.postMessage(batch.map((task) => {
      try {
        return runFileTask(task);
      } catch (error) {
        return { relative: task.relative, problems: [`${task.relative}: internal error (${error instanceof Error ? error.message : String(error)}); skipped`], failed: true };
      }
    }));
  });
}

/** Runs every task (until stopped); `done` gets each result with the task's index. Resolves to the number of tasks run. */
export async function runTasks(tasks: readonly FileTask[], options: PoolOptions, done: (result: FileResult, index: number) => void): Promise<number> {
  const jobs = Math.max(1, Math.min(options.jobs, Math.ceil(tasks.length / BATCH)));
  if (jobs === 1 || !options.workerScript || tasks.length < MIN_FILES_FOR_WORKERS) {
    let n = 0;
    for (const [i, task] of tasks.entries()) {
      if (options.stopped()) break;
      done(runFileTask(task), i);
      n++;
      // Let a pending Ctrl-C be seen between files when writing.
      if (task.mode === 'fix' && n % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return n;
  }
  let next = 0;
  let ran = 0;
  const script = options.workerScript;
  const one = (): Promise<void> => new Promise((resolve) => {
    const worker = new Worker(script, { workerData: { [WORKER_FLAG]: true } });
    let inFlight: { start: number; batch: FileTask[] } | undefined;
    const send = (): void => {
      if (options.stopped() || next >= tasks.length) {
        inFlight = undefined;
        void worker.terminate().then(() => resolve());
        return;
      }
      const start = next;
      const batch = tasks.slice(start, start + BATCH);
      next += batch.length;
      inFlight = { start, batch };
      worker.postMessage(batch);
    };
    worker.on('message', (results: FileResult[]) => {
      if (inFlight) results.forEach((r, k) => done(r, inFlight!.start + k));
      ran += results.length;
      send();
    });
    worker.on('error', (error) => {
      if (inFlight) inFlight.batch.forEach((t, k) => done({ relative: t.relative, problems: [`${t.relative}: worker failed (${error.message}); skipped`], failed: true }, inFlight!.start + k));
      inFlight = undefined;
      resolve();
    });
    send();
  });
  await Promise.all(Array.from({ length: jobs }, one));
  return ran;
}
