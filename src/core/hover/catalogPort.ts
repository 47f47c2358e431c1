/** The catalog functions the hover needs, in one place, so the hover code reads as a list of questions. */
import type { ActivationEntry, ActivationProperties, ApiInfo, CompiledActivation, Framework, ParamValue, ResolvedParams } from '../catalog/types';
import type { UsageForm } from '../scan/types';

export interface ResolveRequest {
  readonly name: string;
  readonly framework: Framework;
  readonly form: UsageForm;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Keras version as `major.minor` (`'3.0'`, `'2.15'`). */
  readonly kerasVersion?: string;
  readonly qualified?: string;
  /** The string as written, for `activation=` strings (variants are chosen by string). */
  readonly raw?: string;
}

export interface CatalogPort {
  /** Every entry, for suggestions and the docs allow-list. */
  entries(): readonly ActivationEntry[];
  get(name: string): ActivationEntry | undefined;
  resolve(request: ResolveRequest): ResolvedParams | undefined;
  compile(resolved: ResolvedParams): CompiledActivation | undefined;
  properties(resolved: ResolvedParams): ActivationProperties | undefined;
  api(qualified: string): ApiInfo | undefined;
}
