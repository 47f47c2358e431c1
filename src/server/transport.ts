/**
 * The server's JSON-RPC transport over stdio or one TCP connection on loopback. Malformed input is answered with
 * a JSON-RPC error (parse error, invalid request) and the connection goes on reading: a bad message never ends it.
 */
import net from 'node:net';
import {
  StreamMessageReader, StreamMessageWriter, type DataCallback, type Disposable, type Message, type MessageReader,
  type MessageWriter, type PartialMessageInfo,
} from 'vscode-languageserver/node';

export interface Transport {
  readonly reader: MessageReader;
  readonly writer: MessageWriter;
}

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

/** Whether a parsed message has the shape of a request, notification or response. */
export function isWellFormed(message: unknown): boolean {
  if (!message || typeof message !== 'object' || Array.isArray(message)) return false;
  const m = message as Record<string, unknown>;
  if (m.jsonrpc !== '2.0') return false;
  const id = m.id;
  const idOk = id === undefined || id === null || typeof id === 'string' || typeof id === 'number';
  if (!idOk) return false;
  if ('method' in m) return typeof m.method === 'string' && (m.params === undefined || (typeof m.params === 'object' && m.params !== null));
  // A response: exactly one of result and error, and an id.
  return id !== undefined && ('result' in m) !== ('error' in m);
}

/** Passes on well-formed messages; answers the others with an error instead of ignoring them. */
class CheckedReader implements MessageReader {
  constructor(private readonly inner: MessageReader, private readonly writer: MessageWriter) {
    // The inner reader reports unreadable bytes (bad JSON, bad headers) here and keeps reading.
    inner.onError((error) => this.reply(null, PARSE_ERROR, `Parse error: ${error.message.split('\n')[0]}`));
  }

  get onError(): MessageReader['onError'] { return this.inner.onError; }
  get onClose(): MessageReader['onClose'] { return this.inner.onClose; }
  get onPartialMessage(): MessageReader['onPartialMessage'] { return this.inner.onPartialMessage as (listener: (e: PartialMessageInfo) => unknown) => Disposable; }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message: Message) => {
      if (isWellFormed(message)) {
        callback(message);
        return;
      }
      const id = (message as { id?: unknown } | null)?.id;
      this.reply(typeof id === 'string' || typeof id === 'number' ? id : null, INVALID_REQUEST, 'Invalid request: not a JSON-RPC 2.0 request, notification or response');
    });
  }

  private reply(id: string | number | null, code: number, message: string): void {
    // A response with a null id is not in vscode-jsonrpc's types, but it is what JSON-RPC 2.0 prescribes.
    void this.writer.write({ jsonrpc: '2.0', id, error: { code, message } } as unknown as Message).catch(() => undefined);
  }

  dispose(): void { this.inner.dispose(); }
}

/** Reader and writer over a pair of streams. */
export function streamTransport(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Transport {
  const writer = new StreamMessageWriter(output);
  return { reader: new CheckedReader(new StreamMessageReader(input), writer), writer };
}

/**
 * Waits for one client on 127.0.0.1:port and serves it (the listener then closes: one session per process).
 * Resolves with the transport and the port actually bound (0 picks a free one, printed for the client).
 */
export function tcpTransport(port: number, onListening?: (port: number) => void): Promise<Transport> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      server.close();
      resolve(streamTransport(socket, socket));
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      onListening?.(typeof address === 'object' && address ? address.port : port);
    });
  });
}
