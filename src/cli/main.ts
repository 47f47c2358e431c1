// The `activation-lens` command line (Node): scan, check, eval, explain.
import { commands, usage } from './commands';
import { ExitCode, type CliIo } from './io';

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

// Only the CLI bundle defines VERSION: test bundles that import runCli are also `require.main`, and must not run it.
if (require.main === module && typeof VERSION !== 'undefined') {
  // `activation-lens scan . | head`: a closed pipe is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => { if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); });
  const io: CliIo = {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    cwd: process.cwd(),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => { io.err(`activation-lens: ${error instanceof Error ? error.message : String(error)}`); process.exitCode = ExitCode.Usage; },
  );
}
