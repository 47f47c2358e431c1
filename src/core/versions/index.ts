/** Target framework versions: parse dependency files handed in as text; the editor and CLI read the files. */
export * from './types';
export { DEPENDENCY_FILE_GLOB, isDependencyFile, readRequirements, resolveVersions, type Requirement } from './resolve';
