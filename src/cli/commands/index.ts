/** The command table: one file per command under this folder. */
import type { CliCommand } from '../io';
import { evalCommand } from './eval';
import { explainCommand } from './explain';
import { checkCommand } from './check';
import { scanCommand } from './scan';
import { serverCommand } from './server';
import { signalCommand } from './signal';

export const commands: Readonly<Record<string, CliCommand>> = {
  scan: scanCommand,
  check: checkCommand,
  eval: evalCommand,
  explain: explainCommand,
  server: serverCommand,
  signal: signalCommand,
};

export const usage = `usage: activation-lens <command> [options]

commands:
  scan [--root DIR] [--format text|json] PATH...     list every activation usage
  check [--root DIR] [--format text|json|sarif] [--strict] [--keras 2|3|auto] PATH...
                                                     report activation mistakes
  eval NAME --framework torch|keras|tf [--keras 2|3] [--param KEY=VALUE ...] --x=LIST [--format text|json]
                                                     evaluate f(x) and f'(x)
  explain NAME [--framework F]                       print the docs as Markdown
  server [--stdio | --tcp PORT]                      the language server for other editors (LSP)
  signal [--root DIR] [--format text|json] PATH...   predict activation and gradient scale per layer at initialisation`;
