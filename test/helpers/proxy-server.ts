// A tiny HTTP proxy on 127.0.0.1 for tests: forwards absolute-form GETs (plain http) and opens
// CONNECT tunnels (https), logging every request so a test can assert the traffic went through it.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxyLogEntry {
  method: string;
  /** The absolute URL of a forwarded GET, or host:port of a CONNECT. */
  target: string;
  authorization?: string;
}

export interface TestProxy {
  url: string;
  log: ProxyLogEntry[];
  /** Answer every request with this status instead (e.g. 407). */
  refuseWith?: number;
  close(): Promise<void>;
}

export async function startTestProxy(): Promise<TestProxy> {
  const sockets = new Set<net.Socket>();
  const proxy: Omit<TestProxy, 'url' | 'close'> = { log: [] };
  const server = http.createServer((req, res) => {
    proxy.log.push({
      method: req.method ?? '',
      target: req.url ?? '',
      authorization: req.headers['proxy-authorization'],
    });
    if (proxy.refuseWith) {
      res.writeHead(proxy.refuseWith).end();
      return;
    }
    const { 'proxy-authorization': _auth, ...headers } = req.headers;
    const upstream = http.request(req.url ?? '', { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    proxy.log.push({ method: 'CONNECT', target: req.url ?? '', authorization: req.headers['proxy-authorization'] });
    if (proxy.refuseWith) {
      client.end(`HTTP/1.1 ${proxy.refuseWith} Refused\r\n\r\n`);
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    sockets.add(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const result = proxy as TestProxy;
  result.url = `http://127.0.0.1:${port}`;
  result.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return result;
}
