// Globals every runtime of the core has (Node, web workers, browsers) but that TypeScript declares only with the
// DOM or Node libraries. The core's tsconfig includes this file instead of either library.
interface TextEncoder {
  encode(input?: string): Uint8Array;
}
// eslint-disable-next-line no-var -- a global must be declared with var to live on globalThis
declare var TextEncoder: { new (): TextEncoder };
