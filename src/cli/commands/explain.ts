/** `activation-lens explain NAME [--framework F] [--keras V]`: the catalog's docs for one activation, as Markdown. */
import { explainMarkdown, getActivation, variantsFor } from '../../core/catalog';
import { ExitCode, type CliCommand } from '../io';
import { UsageError, parseArgs, parseFramework, parseKeras, requireEntryName, withUsageErrors } from './eval';

export const explainCommand: CliCommand = (args, io) => withUsageErrors(io, () => {
  const { positional, options } = parseArgs(args);
  for (const k of options.keys()) if (k !== 'framework' && k !== 'keras') throw new UsageError(`unknown option --${k} for explain`);
  if (positional.length !== 1) throw new UsageError('explain takes one NAME');
  const name = requireEntryName(positional[0]);
  const framework = parseFramework(options.get('framework')?.at(-1), false);
  const keras = parseKeras(options.get('keras')?.at(-1));
  const entry = getActivation(name);
  if (framework && entry && !variantsFor(entry, framework, keras).length) {
    const where = [...new Set(entry.variants.map((v) => v.framework))].join(', ');
    throw new UsageError(`${name} is not available in ${framework}${keras ? ` (Keras ${keras})` : ''}; it exists in: ${where}`);
  }
  io.out(explainMarkdown(name, { ...(framework ? { framework } : {}), ...(keras ? { kerasVersion: keras } : {}) }));
  return ExitCode.Ok;
});
