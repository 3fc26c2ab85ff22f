// A small delaying TCP proxy for the benchmarks: every byte crosses it `rttMs / 2` late in each direction, and a new
// connection waits one round trip before it is established (the TCP handshake). It lets `npm run bench` show what
// a waterfall costs on a real network while everything stays on loopback, inside the private namespace.
// Bench-only tooling: the sandbox itself knows nothing about it.
import { type Server, type Socket, createConnection, createServer } from 'node:net';

export interface DelayProxy {
  port: number;
  close(): Promise<void>;
}

export async function startDelayProxy(target: { host: string; port: number }, rttMs: number): Promise<DelayProxy> {
  const oneWay = rttMs / 2;
  const sockets = new Set<Socket>();
  // Node fires timers of equal duration in the order they were set, so delayed chunks keep their order.
  const later = (action: () => void) => (oneWay > 0 ? setTimeout(action, oneWay) : action());
  const relay = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => later(() => to.writable && to.write(chunk)));
    from.on('end', () => later(() => to.end()));
    from.on('error', () => later(() => to.destroy()));
    from.on('close', () => later(() => to.destroy()));
  };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.pause();
    setTimeout(() => {
      if (client.destroyed) return;
      const upstream = createConnection(target, () => {
        relay(client, upstream);
        relay(upstream, client);
        client.resume();
      });
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => sockets.delete(upstream));
    }, rttMs);
    client.on('error', () => undefined);
    client.on('close', () => sockets.delete(client));
  });
  await new Promise<void>((resolve) => server.listen(0, target.host, resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
