/** `activation-lens server`: the language server over stdio, or over one TCP connection on loopback. */
import { createConnection } from 'vscode-languageserver/node';
import { Session } from './session';
import { streamTransport, tcpTransport, type Transport } from './transport';

export interface ServerOptions {
  /** Listen on 127.0.0.1:tcp for one client instead of using stdio (0 picks a free port). */
  readonly tcp?: number;
  /** Told the port once listening (TCP only). */
  readonly onListening?: (port: number) => void;
}

/** Serves one client until it sends `exit` (the process then ends, as the protocol asks) or the stream closes. */
export async function runServer(options: ServerOptions = {}): Promise<void> {
  // stdout carries the protocol: anything a library logs goes to stderr instead.
  console.log = console.info = console.debug = console.warn = console.error.bind(console);
  // A bug in one handler must not end the session: log it (stderr) and keep serving.
  process.on('uncaughtException', (error) => console.error('activation-lens server: uncaught', error));
  process.on('unhandledRejection', (error) => console.error('activation-lens server: unhandled rejection', error));
  const transport: Transport = options.tcp === undefined ? streamTransport(process.stdin, process.stdout) : await tcpTransport(options.tcp, options.onListening);
  const connection = createConnection(transport.reader, transport.writer);
  new Session(connection);
  await new Promise<void>((resolve) => {
    connection.onExit(() => resolve());
    transport.reader.onClose(() => resolve());
    connection.listen();
  });
}
