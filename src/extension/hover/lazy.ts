// What the hover loads on first use (catalog maths, formula images): one chunk, so activation parses none of it.
// The Node build puts this in dist/lazy/hover.js (scripts/build.mjs); the web build keeps it inside its one file.
export { ActivationHoverProvider } from './hoverProvider';
export { knownDocsUrls } from '../../core/hover';
