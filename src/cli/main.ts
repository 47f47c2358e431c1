// The `activation-lens` command line (Node): scan, check, eval, explain.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { commands, usage } from './commands';
import { ExitCode, type CliIo } from './io';
import { WORKER_FLAG, workerLoop } from './pool';

/** Runs one command line; exported so tests can call it without a child process. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(usage);
    return name ? ExitCode.Ok : ExitCode.Usage;
  }
  if (name === '--version') {
    io.out(VERSION);
    return ExitCode.Ok;
  }
  const command = commands[name];
  if (!command) {
    io.err(`activation-lens: unknown command '${name}'\n\n${usage}`);
    return ExitCode.Usage;
  }
  return command(rest, io);
}

declare const VERSION: string;

/** Largest standard input read (`check --stdin-filename`). */
const MAX_STDIN_BYTES = 64 * 1024 * 1024;

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_STDIN_BYTES) { process.stdin.destroy(); reject(new Error(`standard input is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MB`)); return; }
      chunks.push(chunk);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

// A worker thread of `check`'s pool runs this same bundle: it only serves file tasks.
if (!isMainThread && parentPort && (workerData as Record<string, unknown> | undefined)?.[WORKER_FLAG]) {
  workerLoop(parentPort);
} else if (require.main === module && typeof VERSION !== 'undefined') {
  // Only the CLI bundle defines VERSION: test bundles that import runCli are also `require.main`, and must not run it.
  // `activation-lens scan . | head`: a closed pipe is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => { if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); });
  const io: CliIo = {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    cwd: process.cwd(),
    readStdin,
    workerScript: __filename,
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => { process.off('SIGINT', handler); };
    },
  };
  runCli(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => { io.err(`activation-lens: ${error instanceof Error ? error.message : String(error)}`); process.exitCode = ExitCode.Usage; },
  );
}
