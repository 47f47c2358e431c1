/** A JSON-RPC client over the server's stdio, as an editor would start it: `node dist/cli.js server --stdio`. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = path.join(__dirname, '../../../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

export interface PublishedDiagnostics {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: readonly { range: Range; message: string; code?: string; source?: string; severity?: number }[];
}

export interface Range {
  readonly start: { line: number; character: number };
  readonly end: { line: number; character: number };
}

export interface TestClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  /** Every publishDiagnostics notification, in order. */
  readonly published: PublishedDiagnostics[];
  /** What the server registered at run time (client/registerCapability). */
  readonly registrations: { method: string; registerOptions?: unknown }[];
  /** What the server asked with workspace/configuration. */
  readonly configurationRequests: unknown[];
  readonly stderr: () => string;
  /** Resolves with the next publishDiagnostics for uri that satisfies `accept`. */
  diagnosticsFor(uri: string, accept?: (p: PublishedDiagnostics) => boolean): Promise<PublishedDiagnostics>;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts the server; `settings` answers workspace/configuration (the `activationLens` section). */
export function startServer(settings: Record<string, unknown> = {}): TestClient {
  const child = spawn(process.execPath, [CLI, 'server', '--stdio'], { cwd: ROOT, stdio: 'pipe' });
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishedDiagnostics[] = [];
  const waiters: { uri: string; accept: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void }[] = [];
  const configurationRequests: unknown[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
    published.push(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
    configurationRequests.push(params);
    return params.items.map(() => settings);
  });
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => { registrations.push(...p.registrations); return null; });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  return {
    child, connection, published, configurationRequests, registrations, exited,
    stderr: () => err,
    diagnosticsFor(uri, accept = () => true) {
      const seen = published.find((p) => p.uri === uri && accept(p));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ uri, accept, resolve }));
    },
  };
}

/** The client capabilities of an editor that supports what the tests exercise (or not, with overrides). */
export function capabilities(options: { pull?: boolean; notebooks?: boolean; markdown?: boolean } = {}): Record<string, unknown> {
  return {
    workspace: { configuration: true, workspaceEdit: { documentChanges: true }, diagnostics: { refreshSupport: true } },
    window: { workDoneProgress: true },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      hover: { contentFormat: options.markdown === false ? ['plaintext'] : ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor.rewrite'] } } },
      publishDiagnostics: { versionSupport: true },
      ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
    },
    ...(options.notebooks === false ? {} : { notebookDocument: { synchronization: { dynamicRegistration: false } } }),
  };
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyTextEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => (lineStarts[p.line] ?? text.length) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
