/** The Keras/PyTorch versions a configuration file sets, each with the reason every front end names. */
import type { LensConfig } from './types';

export interface ConfigVersions {
  readonly keras?: string;
  /** `activation-lens.toml sets keras-version`, with the file as the caller shows it. */
  readonly kerasFrom?: string;
  readonly torch?: string;
  readonly torchFrom?: string;
}

/** What `config` pins (`auto` pins nothing); `shown` is the file as printed (relative to the root where it can be). */
export function configVersions(config: LensConfig | undefined, shown: string): ConfigVersions {
  const keras = config?.kerasVersion && config.kerasVersion !== 'auto' ? config.kerasVersion : undefined;
  const torch = config?.torchVersion && config.torchVersion !== 'auto' ? config.torchVersion : undefined;
  return {
    ...(keras ? { keras, kerasFrom: `${shown} sets keras-version` } : {}),
    ...(torch ? { torch, torchFrom: `${shown} sets torch-version` } : {}),
  };
}
