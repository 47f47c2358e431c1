/** Target framework versions the rules assume, and why. */

export interface TargetVersions {
  /** Keras version as `major` or `major.minor`: `'3'`, `'3.7'`, `'2'`, `'2.15'`. */
  readonly keras: string;
  readonly kerasMajor: 2 | 3;
  /** Where it came from, said in messages: `requirements.txt pins keras==3.3.3`, `default`. */
  readonly kerasReason: string;
  readonly torch?: string;
  readonly torchReason?: string;
}

/** `Keras 3.7` or `tf.keras 2`, for messages. */
export function kerasLabel(v: TargetVersions): string {
  return v.kerasMajor === 2 ? `tf.keras ${v.keras}` : `Keras ${v.keras}`;
}

/** `Keras 3 assumed (default)`: appended to version-dependent messages. */
export function assumedKeras(v: TargetVersions): string {
  return `${kerasLabel(v)} assumed (${v.kerasReason})`;
}

export const DEFAULT_VERSIONS: TargetVersions = { keras: '3', kerasMajor: 3, kerasReason: 'default; set activationLens.kerasVersion' };
