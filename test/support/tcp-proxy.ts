import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A real TCP proxy in front of one subgraph. Frozen, it still accepts connections but forwards
 * nothing either way, as a hung process or a blackholed link would. It counts the GraphQL
 * requests (`POST /graphql`) that reach it, frozen or not, so a test can tell whether the
 * gateway asked the service at all.
 */
export async function tcpProxy(target: string) {
  const { hostname, port } = new URL(target);
  let frozen = false;
  let graphqlRequests = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => {
      graphqlRequests += chunk.toString('latin1').match(/^POST \/graphql HTTP\//gm)?.length ?? 0;
      if (!frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => void (frozen || client.write(chunk)));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    /** GraphQL requests received so far (probes of `/ready` are not counted). */
    get graphqlRequests() {
      return graphqlRequests;
    },
    freeze() {
      frozen = true;
    },
    /** Forwards again; connections that swallowed bytes while frozen are cut (their streams are torn). */
    thaw() {
      for (const s of sockets) s.destroy();
      frozen = false;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
