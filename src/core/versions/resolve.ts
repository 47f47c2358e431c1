/** Turns declared requirements (and the user's setting) into the versions the rules target. */
import { DEFAULT_VERSIONS, type TargetVersions } from './types';
import { readRequirements, type Requirement } from './requirements';

export type { Requirement } from './requirements';
export { readRequirements } from './requirements';

/** The version a specifier points at: `==3.3.3`, `~=3.1`, `>=3`, `^3.0`, `3.2.*` -> `[3, 3]`... ; only `<X` -> just below X. */
function specVersion(spec: string): { major: number; minor?: number; below?: boolean } | undefined {
  const parts = spec.split(',');
  const pick = (re: RegExp): RegExpExecArray | undefined => parts.map((p) => re.exec(p)).find((m): m is RegExpExecArray => m !== null);
  const exact = pick(/^(?:===?|~=|\^|~|>=|>)?v?(\d+)(?:\.(\d+|\*))?/);
  if (exact && !/^[<!]/.test(parts.find((p) => exact.input === p) ?? '')) {
    return { major: Number(exact[1]), ...(exact[2] && exact[2] !== '*' ? { minor: Number(exact[2]) } : {}) };
  }
  const upper = pick(/^<=?(\d+)(?:\.(\d+))?/);
  if (upper) return { major: Number(upper[1]), ...(upper[2] ? { minor: Number(upper[2]) } : {}), below: upper[0].startsWith('<') && !upper[0].startsWith('<=') };
  return undefined;
}

function describe(r: Requirement): string {
  return `${r.file} lists ${r.name}${r.spec}`;
}

/** The Keras version implied by requirements: keras itself, else tf-keras (2), else TensorFlow (<2.16: Keras 2). */
function kerasFromRequirements(reqs: readonly Requirement[]): { keras: string; major: 2 | 3; reason: string } | undefined {
  const tfKeras = reqs.find((r) => r.name === 'tf-keras');
  if (tfKeras) return { keras: '2', major: 2, reason: `${describe(tfKeras)} (legacy tf.keras)` };
  const keras = reqs.find((r) => r.name === 'keras' && specVersion(r.spec));
  if (keras) {
    const v = specVersion(keras.spec)!;
    const major = v.below ? (v.minor === undefined || v.minor === 0 ? v.major - 1 : v.major) : v.major;
    if (major === 2 || major === 3) {
      const minor = !v.below && v.minor !== undefined ? `.${v.minor}` : '';
      return { keras: `${major}${minor}`, major, reason: describe(keras) };
    }
  }
  const tf = reqs.find((r) => r.name === 'tensorflow' && specVersion(r.spec));
  if (tf) {
    const v = specVersion(tf.spec)!;
    if (v.major === 2 && v.minor !== undefined) {
      const legacy = v.below ? v.minor <= 16 : v.minor < 16;
      return legacy ? { keras: '2', major: 2, reason: `${describe(tf)} (TensorFlow before 2.16 ships Keras 2)` } : { keras: '3', major: 3, reason: `${describe(tf)} (TensorFlow 2.16+ ships Keras 3)` };
    }
    if (v.major === 1) return { keras: '2', major: 2, reason: describe(tf) };
  }
  return undefined;
}

interface VersionSetting {
  /** `auto`, `2`, `3` or `major.minor`. */
  readonly keras?: string;
  readonly torch?: string;
  /** Where the Keras choice was made, said as the reason: `activationLens.kerasVersion` (default) or `--keras 2`. */
  readonly kerasFrom?: string;
  readonly torchFrom?: string;
}

/**
 * Target versions from the setting (unless `auto`) or the given dependency files (name and text each).
 * Never throws; unknown input falls back to Keras 3.
 */
export function resolveVersions(files: readonly { readonly name: string; readonly text: string }[], setting: VersionSetting = {}): TargetVersions {
  const reqs = files.flatMap((f) => {
    try { return readRequirements(f.name, f.text); } catch { return []; }
  });
  let keras: TargetVersions = DEFAULT_VERSIONS;
  const set = setting.keras?.trim();
  const fromSetting = set && set !== 'auto' ? /^([23])(?:\.(\d+))?/.exec(set) : null;
  if (fromSetting) keras = { keras: fromSetting[0], kerasMajor: Number(fromSetting[1]) as 2 | 3, kerasReason: setting.kerasFrom ?? 'activationLens.kerasVersion' };
  else {
    const found = kerasFromRequirements(reqs);
    if (found) keras = { keras: found.keras, kerasMajor: found.major, kerasReason: found.reason };
  }
  const torchSet = setting.torch?.trim();
  if (torchSet && torchSet !== 'auto') return { ...keras, torch: torchSet, torchReason: setting.torchFrom ?? 'activationLens.torchVersion' };
  const torch = reqs.find((r) => r.name === 'torch' && specVersion(r.spec));
  if (torch) {
    const v = specVersion(torch.spec)!;
    return { ...keras, torch: `${v.major}${v.minor === undefined ? '' : `.${v.minor}`}`, torchReason: describe(torch) };
  }
  return keras;
}

/** File names (globs relative to a folder) the editor and the command line read for `auto`. */
export const DEPENDENCY_FILE_GLOB = '{requirements*.txt,requirements/*.txt,pyproject.toml,Pipfile,environment.yml,environment.yaml}';

/** Whether a file name is one of the dependency files. */
export function isDependencyFile(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? name;
  return /^requirements.*\.txt$/i.test(base) || base === 'pyproject.toml' || base === 'Pipfile' || /^environment\.ya?ml$/i.test(base);
}
