// What the signal features load on first use (catalog maths, quadrature, the view). The Node build puts this in
// dist/lazy/signal.js (scripts/build.mjs).
export { signalLenses } from './codeLens';
export { SignalView, showSignal } from './view';
