/** `activation-lens server [--stdio] [--tcp PORT]`: the language server for editors other than VS Code. */
import { parseArgs } from 'node:util';
import { runServer } from '../../server';
import { ExitCode, type CliCommand } from '../io';

const USAGE = 'usage: activation-lens server [--stdio | --tcp PORT]';

export const serverCommand: CliCommand = async (args, io) => {
  let parsed;
  try {
    // --stdio is the default; editors that always pass it (and --clientProcessId) are welcome.
    parsed = parseArgs({ args: [...args], options: { stdio: { type: 'boolean' }, tcp: { type: 'string' }, clientProcessId: { type: 'string' } } });
  } catch (error) {
    io.err(`activation-lens server: ${(error as Error).message}\n${USAGE}`);
    return ExitCode.Usage;
  }
  const { tcp, stdio } = parsed.values;
  const port = tcp === undefined ? undefined : Number(tcp);
  if (port !== undefined && (!/^\d+$/.test(tcp ?? '') || port > 65535)) {
    io.err(`activation-lens server: --tcp takes a port number (0-65535), not '${tcp}'\n${USAGE}`);
    return ExitCode.Usage;
  }
  if (port !== undefined && stdio) {
    io.err(`activation-lens server: --stdio and --tcp exclude each other\n${USAGE}`);
    return ExitCode.Usage;
  }
  await runServer({ tcp: port, onListening: (p) => io.err(`activation-lens server: listening on 127.0.0.1:${p}`) });
  return ExitCode.Ok;
};
