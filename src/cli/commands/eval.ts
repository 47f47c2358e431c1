/** `activation-lens eval NAME --framework F [--keras V] [--param K=V ...] --x=LIST [--format text|json]`. */
import { CatalogError, closestNames, findActivation, kerasStringTarget, pythonLiteral, sample, type Framework, type ParamValue, type UsageContext } from '../../core/catalog';
import { ExitCode, type CliCommand, type CliIo } from '../io';

const FRAMEWORKS: readonly Framework[] = ['torch', 'keras', 'tf'];
/** How the activation is written, for `--form` (the forms the catalog tells apart). */
const FORMS: readonly string[] = ['layer', 'function', 'method', 'string', 'reference'];

/** Command-line options: `--key value`, `--key=value`, repeatable keys collected in order. */
interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string[]>;
}

/** Splits arguments; values may start with `-` (`--x -3,0,3`) because every option here takes a value. */
export function parseArgs(args: readonly string[], flags: ReadonlySet<string> = new Set()): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--') || a === '--') { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const value = eq > 0 ? a.slice(eq + 1) : flags.has(key) ? 'true' : args[++i];
    if (value === undefined) throw new UsageError(`option --${key} needs a value`);
    options.set(key, [...(options.get(key) ?? []), value]);
  }
  return { positional, options };
}

/** A command-line mistake: reported on stderr with exit code 2. */
export class UsageError extends Error {}

/** A number list: `-3,-1,0,1,3`, with `inf`, `-inf`, `nan`, or a range `a:b:n` (n evenly spaced points). */
function parseXs(text: string): number[] {
  const range = /^\s*([^:]+):([^:]+):(\d+)\s*$/.exec(text);
  if (range) {
    const [a, b, n] = [parseNumber(range[1] as string), parseNumber(range[2] as string), Number(range[3])];
    if (n < 1 || n > 100000) throw new UsageError(`--x range needs 1 to 100000 points, got ${n}`);
    // Points between infinite (or NaN) ends would all be NaN: list such values instead (--x=-inf,0,inf).
    if (!Number.isFinite(a) || !Number.isFinite(b)) throw new UsageError(`--x range ends must be finite numbers, got '${range[1]}' and '${range[2]}' (list inf or nan as values: --x=-inf,0,inf)`);
    return Array.from({ length: n }, (_, i) => (n === 1 ? a : i === n - 1 ? b : a + ((b - a) * i) / (n - 1)));
  }
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (!parts.length) throw new UsageError('--x needs at least one number, e.g. --x=-3,-1,0,1,3');
  return parts.map(parseNumber);
}

function parseNumber(s: string): number {
  const t = s.trim().toLowerCase();
  if (t === 'inf' || t === '+inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  if (t === 'nan') return NaN;
  const n = Number(t);
  if (t === '' || Number.isNaN(n)) throw new UsageError(`not a number: '${s}'`);
  return n;
}

/** A `--param` value as Python would read the literal: numbers, True/False, None, else a string. */
function parseParamValue(text: string): ParamValue {
  const t = text.trim();
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (/^(none|null)$/i.test(t)) return null;
  if (/^(['"]).*\1$/.test(t)) return t.slice(1, -1);
  const n = Number(t);
  return t !== '' && !Number.isNaN(n) ? n : /^[-+]?inf(inity)?$/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : t;
}

/** Looks up the activation, or throws a UsageError naming close matches. */
export function requireEntryName(text: string | undefined): string {
  if (!text) throw new UsageError('missing activation NAME');
  const entry = findActivation(text);
  if (!entry) {
    const close = closestNames(text);
    throw new UsageError(`unknown activation '${text}'${close.length ? `; did you mean ${close.join(', ')}?` : ''}`);
  }
  return entry.name;
}

export function parseFramework(value: string | undefined, required: boolean): Framework | undefined {
  if (value === undefined) {
    if (required) throw new UsageError('missing --framework torch|keras|tf');
    return undefined;
  }
  const fw = value.toLowerCase() === 'pytorch' ? 'torch' : value.toLowerCase() === 'tensorflow' ? 'tf' : value.toLowerCase();
  if (!FRAMEWORKS.includes(fw as Framework)) throw new UsageError(`unknown framework '${value}' (use torch, keras or tf)`);
  return fw as Framework;
}

export function parseKeras(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[23](\.\d+){0,2}$/.test(value.trim())) throw new UsageError(`--keras must be 2 or 3 (or a version such as 3.7), got '${value}'`);
  return value.trim();
}

/** Full double precision for text output; JSON uses JSON.stringify (shortest round-trip form, NaN/inf as null). */
const full = (n: number): string => (Number.isNaN(n) ? 'nan' : n === Infinity ? 'inf' : n === -Infinity ? '-inf' : String(n));

/** Runs a command body, turning UsageError and CatalogError into exit code 2. */
export function withUsageErrors(io: CliIo, body: () => number): number {
  try {
    return body();
  } catch (e) {
    if (e instanceof UsageError || e instanceof CatalogError) {
      const hint = e instanceof CatalogError && e.suggestions.length ? `; did you mean ${e.suggestions.join(', ')}?` : '';
      io.err(`activation-lens: ${e.message}${hint}`);
      return ExitCode.Usage;
    }
    throw e;
  }
}

export const evalCommand: CliCommand = (args, io) => withUsageErrors(io, () => {
  const { positional, options } = parseArgs(args);
  const known = new Set(['framework', 'keras', 'param', 'x', 'format', 'form']);
  for (const k of options.keys()) if (!known.has(k)) throw new UsageError(`unknown option --${k} for eval`);
  if (positional.length > 1) throw new UsageError(`eval takes one NAME, got ${positional.join(' ')}`);
  const written = positional[0];
  const name = requireEntryName(written);
  const framework = parseFramework(options.get('framework')?.at(-1), true) as Framework;
  const keras = parseKeras(options.get('keras')?.at(-1));
  const format = options.get('format')?.at(-1) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got '${format}'`);
  const xText = options.get('x')?.at(-1);
  if (xText === undefined) throw new UsageError('missing --x=LIST, e.g. --x=-3,-1,0,1,3');
  const xs = parseXs(xText);
  // No prototype: `--param __proto__=1` is a parameter name like any other (and is then reported as unknown).
  const params: Record<string, ParamValue> = Object.create(null) as Record<string, ParamValue>;
  for (const p of options.get('param') ?? []) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param needs KEY=VALUE, got '${p}'`);
    params[p.slice(0, eq).trim()] = parseParamValue(p.slice(eq + 1));
  }
  // A name written as a Keras string or class (`LeakyReLU`) picks the defaults of that spelling.
  const form = options.get('form')?.at(-1);
  if (form !== undefined && !FORMS.includes(form)) throw new UsageError(`--form must be one of ${FORMS.join(', ')}, got '${form}'`);
  const ctx: UsageContext = {
    ...(form ? { form: form as UsageContext['form'] } : {}),
    ...(framework === 'keras' && written && kerasStringTarget(written, keras) ? { raw: written } : {}),
    ...(written && /^[A-Z]/.test(written) && !form ? { form: 'layer' as const } : {}),
  };
  const result = sample(name, framework, params, xs, keras, ctx);
  if (result.resolved.errors.length) throw new UsageError(`bad parameters for ${name}: ${result.resolved.errors.join('; ')}`);
  for (const w of result.resolved.warnings) io.err(`activation-lens: warning: ${w}`);
  if (format === 'json') {
    io.out(JSON.stringify({ name, framework, params: result.resolved.params, x: result.x, y: result.y, dy: result.dy }));
    return ExitCode.Ok;
  }
  const header = Object.entries(result.resolved.params).map(([k, v]) => `${k}=${pythonLiteral(v)}`).join(' ');
  const rows = result.x.map((x, i) => `${full(x)}\t${full(result.y[i] as number)}\t${full(result.dy[i] as number)}`);
  io.out([`${name} (${framework}${result.resolved.kerasVersion ? ` ${result.resolved.kerasVersion}` : ''})${header ? ` ${header}` : ''}`, 'x\tf(x)\tdf/dx', ...rows].join('\n'));
  return ExitCode.Ok;
});
