/** `activation-lens scan`: list usages as text or JSON Lines. */
import { readFileSync } from 'node:fs';
import { scanPython } from '../../core/scan';
import { ExitCode, type CliCommand } from '../io';

export const scanCommand: CliCommand = (args, io) => {
  for (const file of args) io.out(JSON.stringify(scanPython(readFileSync(file, 'utf8')).usages));
  return ExitCode.Ok;
};
