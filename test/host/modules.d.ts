// `host-suites` is generated at build time by test/harness/build-host.mjs: it requires every
// test/host/suite/**/*.test.ts, so a new test file is picked up by both host bundles with no other edit.
declare module 'host-suites' {
  /** Defines every suite; call after mocha has put `suite`/`test` on the global object. */
  export function loadSuites(): void;
}

// The npm `process` polyfill, injected into the web worker bundle by test/host/web-shims.ts.
declare module 'process/browser' {
  const process: NodeJS.Process;
  export default process;
}
