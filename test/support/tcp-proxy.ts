import net, { type AddressInfo } from "node:net";

/**
 * A TCP proxy on a fixed loopback port in front of a real server (here: Redis),
 * which a test can take down and bring back: the way to make Redis unreachable
 * for the code under test without stopping the machine's Redis for everyone.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  // Milliseconds each chunk waits before it is passed on (0: piped straight through): a slow Redis.
  let delayMs = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
        const relay = (from: net.Socket, to: net.Socket) =>
          from.on("data", (chunk: Buffer) => {
            if (delayMs === 0) to.write(chunk);
            else setTimeout(() => to.writable && to.write(chunk), delayMs);
          });
        relay(client, upstream);
        relay(upstream, client);
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        port = (s.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });

  await listen();
  return {
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    /** Refuse new connections and cut the open ones. */
    async down() {
      const s = server;
      server = null;
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    /** Pass every chunk on only after this many milliseconds (0 = at once). */
    slow(ms: number) {
      delayMs = ms;
    },
    /** Accept connections again on the same port. */
    up: listen,
    stop() {
      return this.down();
    },
  };
}
