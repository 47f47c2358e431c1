// Bounded waits: every wait in the harness has a deadline and says what it was waiting for.
import net from 'node:net';

/** Resolves like `promise`, or rejects after `ms` with a message naming `what`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms / 1000)} s: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Waits until a tracked child's output matches `pattern`; fails early if the child exits. */
export function waitForOutput(child, pattern, ms, what) {
  return withTimeout(
    new Promise((resolve, reject) => {
      const check = () => {
        const match = child.output.match(pattern);
        if (match) {
          cleanup();
          resolve(match);
        }
      };
      const onExit = (code, signal) => {
        cleanup();
        reject(new Error(`${what}: process exited (${signal ?? code}) before it was ready\n${child.output.slice(-4000)}`));
      };
      const cleanup = () => {
        child.stdout.off('data', check);
        child.stderr.off('data', check);
        child.off('exit', onExit);
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.on('exit', onExit);
      check();
    }),
    ms,
    what,
  );
}

/** A TCP port on the loopback interface that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}
