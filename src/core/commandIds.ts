/**
 * Every command id and webview view type the extension owns, in one place. package.json contributes the same
 * ids (a unit test checks both ways); hovers link only to HOVER_COMMANDS. No vscode import: the core's hover
 * links and the extension's registrations read the same table.
 */

/** Command ids, as contributed in package.json; `openDocs` (run from hover links) and `listUsages` (for tests and other extensions) are not in the palette. */
export const COMMANDS = {
  showPlot: 'activationLens.showPlot',
  plotAtCursor: 'activationLens.plotAtCursor',
  plotAllInFile: 'activationLens.plotAllInFile',
  compare: 'activationLens.compare',
  plotFormula: 'activationLens.plotFormula',
  openDocs: 'activationLens.openDocs',
  openSample: 'activationLens.openSample',
  listUsages: 'activationLens.listUsages',
  showSignal: 'activationLens.showSignal',
} as const;

/** Webview view types. */
export const VIEW_TYPES = {
  plot: 'activationLens.plot',
  signal: 'activationLens.signal',
} as const;

/** Our commands that hovers link to; the hover's `isTrusted.enabledCommands` is exactly this list. */
export const HOVER_COMMANDS = [COMMANDS.showPlot, COMMANDS.compare, COMMANDS.openDocs] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];
