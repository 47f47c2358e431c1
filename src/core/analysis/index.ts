/**
 * The analysis of a document, editor-free: give it a Python text (or notebook cells in order) and a resolved
 * options snapshot, and it answers with tokens, scope, usages, the versions the file targets (each with its
 * reason), the rules' findings and the model graph, each computed once per version.
 *
 * The VS Code extension, the language server and the command line all use this module; none of them parses or
 * resolves versions on its own. Options come from `resolveOptions` (settings or flags, plus dependency files).
 *
 *     const options = resolveOptions({ setting: { keras: 'auto' }, files: [{ name: 'requirements.txt', text }] });
 *     const doc = new PythonDocument(source, options);
 *     doc.analysis.findings; doc.analysis.versions.kerasReason;      // 'requirements.txt lists tensorflow==2.15 ...'
 *     doc.analysis.graph?.models;                                     // every model, its layers and ranges
 *     doc.edit(newSource, [{ offset, deleted, inserted }]).usages;   // re-scans only the edited statements
 */
export { analysisOf, type Analysis } from './analysis';
export { analyzeCells, analyzePython, PythonDocument, type CellText, type TextChange } from './document';
export type { ModelGraph } from './graph';
export { DEFAULT_ANALYSIS_OPTIONS, optionsKey, type AnalysisOptions, type RuleOverrides } from './options';
export { resolveOptions, type OptionSources } from './resolveOptions';
