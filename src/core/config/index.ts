/** Project configuration (`[tool.activation-lens]`): one parser for the command line and the editor. No vscode here. */
export { CONFIG_FILE_NAMES, ConfigFinder, configIn, type ConfigAccess } from './discover';
export { isPyproject, MAX_CONFIG_BYTES, parseConfig } from './parse';
export { ruleLevels, type RuleSelection } from './rules';
export { configVersions, type ConfigVersions } from './versions';
export { formatProblem, type ConfigProblem, type ConfigRead, type LensConfig, type RuleLevel } from './types';
