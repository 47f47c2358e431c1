/** What a command-line command may touch: its output streams and the file system root. Tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
}

/** Exit codes shared by every command. */
export const enum ExitCode {
  Ok = 0,
  /** `check`: findings at or above the failing severity. `scan`: nothing could be read. */
  Findings = 1,
  Usage = 2,
}

/** A command: parses its own arguments, returns the exit code. */
export type CliCommand = (args: readonly string[], io: CliIo) => number | Promise<number>;
