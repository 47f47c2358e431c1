// What the plot panel loads on its first command (catalog, mathjs, the webview host): one chunk, so activation
// parses none of it. The Node build puts this in dist/lazy/panel.js (scripts/build.mjs).
export { compare, plotAllInFile, plotAtCursor, plotFormula, showPlot } from './commands';
export { compileFormula } from '../../core/panel/formula';
export { PlotPanel } from './plotPanel';
