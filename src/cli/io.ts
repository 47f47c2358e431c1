/** What a command-line command may touch: its output streams and the file system root. Tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  /** Standard input as text (`check --stdin-filename`); absent when there is none to read. */
  readonly readStdin?: () => Promise<string>;
  /** The command-line bundle, which worker threads run; absent means no worker threads. */
  readonly workerScript?: string;
  /** Calls `handler` on Ctrl-C instead of exiting (until the returned function is called). */
  readonly onInterrupt?: (handler: () => void) => () => void;
}

/** Exit codes shared by every command. */
export const enum ExitCode {
  Ok = 0,
  /** `check`: findings at or above the failing severity. `scan`: nothing could be read. */
  Findings = 1,
  /** Bad usage, a configuration with errors, nothing readable, or a fix that could not be written. */
  Usage = 2,
  /** Ctrl-C during `check --fix`: files already fixed stay fixed, no file is half-written. */
  Interrupted = 130,
}

/** A command: parses its own arguments, returns the exit code. */
export type CliCommand = (args: readonly string[], io: CliIo) => number | Promise<number>;
