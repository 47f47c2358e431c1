// Injected into the web worker bundle: the `assert` polyfill and mocha read `process`, which a worker lacks.
import process from 'process/browser';

export { process };
