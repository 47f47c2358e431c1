/**
 * Reads dependency declarations from requirements*.txt, pyproject.toml (PEP 621 and Poetry), Pipfile and conda
 * environment files, given as text. Only the packages that decide activation behaviour are kept.
 */

export interface Requirement {
  /** Normalised package name: `keras`, `tensorflow`, `tf-keras`, `torch`. */
  readonly name: string;
  /** The specifier as written: `==3.3.3`, `>=2.16,<3`, `^3.0`, `=2.15` (conda), `` when unpinned. */
  readonly spec: string;
  /** The file it came from, for messages. */
  readonly file: string;
}

const WANTED: Readonly<Record<string, string>> = {
  keras: 'keras', tensorflow: 'tensorflow', 'tensorflow-cpu': 'tensorflow', 'tensorflow-gpu': 'tensorflow',
  'tensorflow-macos': 'tensorflow', 'tensorflow-intel': 'tensorflow', 'tf-keras': 'tf-keras', 'tf-nightly': 'tensorflow',
  torch: 'torch', pytorch: 'torch',
};

function normaliseName(name: string): string | undefined {
  return WANTED[name.toLowerCase().replace(/[_.]+/g, '-')];
}

/** `keras>=3.0; python_version>"3.9"`, `tensorflow[and-cuda]==2.17.0`, `torch` -> name and specifier. */
function parseSpecLine(line: string, file: string): Requirement | undefined {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;#]*)/.exec(line);
  if (!m) return undefined;
  const name = normaliseName(m[1]);
  return name ? { name, spec: m[2].trim().replace(/\s+/g, ''), file } : undefined;
}

function requirementsTxt(text: string, file: string): Requirement[] {
  const out: Requirement[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (!line || line.startsWith('#') || line.startsWith('-')) continue;
    const r = parseSpecLine(line, file);
    if (r) out.push(r);
  }
  return out;
}

/** Quoted PEP 508 strings anywhere (pyproject dependencies, optional dependencies) plus Poetry/Pipfile tables. */
function tomlLike(text: string, file: string): Requirement[] {
  const out: Requirement[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    // Poetry / Pipfile: `keras = "^3.0"`, `torch = { version = ">=2.1" }`, `tensorflow = "*"`
    const table = /^\s*"?([A-Za-z0-9][A-Za-z0-9._-]*)"?\s*=\s*(?:"([^"]*)"|\{[^}]*version\s*=\s*"([^"]*)")/.exec(line);
    if (table) {
      const name = normaliseName(table[1]);
      if (name) { out.push({ name, spec: (table[2] ?? table[3] ?? '').replace(/\s+/g, '').replace(/^\*$/, ''), file }); continue; }
    }
    for (const q of line.matchAll(/["']([^"']+)["']/g)) {
      const r = parseSpecLine(q[1], file);
      if (r) out.push(r);
    }
  }
  return out;
}

/** environment.yml: `- tensorflow=2.15`, `- keras>=3`, and the `- pip:` list. */
function condaYaml(text: string, file: string): Requirement[] {
  const out: Requirement[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*-\s+([^#]+)/.exec(raw);
    if (!m) continue;
    let item = m[1].trim().replace(/^["']|["']$/g, '');
    item = item.replace(/^[A-Za-z0-9_-]+::/, ''); // channel::package
    // conda's single `=` pins a version prefix: tensorflow=2.15 -> ==2.15
    item = item.replace(/^([A-Za-z0-9._-]+)=(?!=)([^=\s]+)(?:=.*)?$/, '$1==$2');
    const r = parseSpecLine(item, file);
    if (r) out.push(r);
  }
  return out;
}

/** Requirements declared in one file, chosen by its name. Unknown names yield nothing. */
export function readRequirements(fileName: string, text: string): Requirement[] {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (/^requirements.*\.(?:txt|in)$/i.test(base) || /\.txt$/i.test(base)) return requirementsTxt(text, base);
  if (/^pyproject\.toml$/i.test(base) || /^Pipfile$/i.test(base)) return tomlLike(text, base);
  if (/^environment.*\.ya?ml$/i.test(base) || /\.ya?ml$/i.test(base)) return condaYaml(text, base);
  return [];
}
