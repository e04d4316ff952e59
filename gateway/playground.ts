/**
 * GraphiQL served entirely from local npm packages: government networks are often cut off from the
 * internet, so the page must not reference any CDN or other external URL.
 */

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { EXAMPLE_OPERATIONS } from './playground-examples.js';

export interface PlaygroundOptions {
  /** Where the page POSTs GraphQL requests, e.g. '/graphql'. */
  endpoint: string;
  title?: string;
  /** JSON text preset in the header editor, e.g. '{"Authorization":"Bearer ..."}'. */
  defaultHeaders?: string;
}

export const DEFAULT_TITLE = '公共数据联邦 GraphQL Playground';
export const ASSET_PREFIX = '/playground/assets/';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

// Order matters: the GraphiQL UMD bundle reads window.React and window.ReactDOM when it loads.
const ASSET_SOURCES = [
  { file: 'react.production.min.js', pkg: 'react', path: 'umd/react.production.min.js', contentType: JS },
  { file: 'react-dom.production.min.js', pkg: 'react-dom', path: 'umd/react-dom.production.min.js', contentType: JS },
  { file: 'graphiql.min.js', pkg: 'graphiql', path: 'graphiql.min.js', contentType: JS },
  { file: 'graphiql.min.css', pkg: 'graphiql', path: 'graphiql.min.css', contentType: CSS },
] as const;

/** Each asset's folder in its package, resolved at start-up, so a missing package fails then rather than on first visit. */
function assetRoots(): string[] {
  const require = createRequire(import.meta.url);
  return [...new Set(ASSET_SOURCES.map((a) => dirname(join(dirname(require.resolve(`${a.pkg}/package.json`)), a.path))))];
}

/** For embedding in an inline <script>: `<` can never start `</script>` or `<!--`, and U+2028/9 stay escaped. */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An absolute endpoint on another origin must be allowed explicitly, since connect-src is otherwise 'self'. */
function endpointOrigin(endpoint: string): string | null {
  if (!/^https?:\/\//i.test(endpoint)) return null;
  return new URL(endpoint).origin;
}

function buildPage(options: PlaygroundOptions): { html: Buffer; csp: string } {
  const headers = options.defaultHeaders;
  const config = {
    endpoint: options.endpoint,
    defaultHeaders: headers,
    // GraphiQL only applies defaultHeaders to tabs opened later, not to defaultTabs.
    tabs: EXAMPLE_OPERATIONS.map((example) => ({ query: example.query, headers: headers ?? null })),
  };
  const script = `
(function () {
  var config = ${toScriptJson(config)};
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      // Used only on a browser's first visit; later visits restore the tabs saved in localStorage.
      defaultTabs: config.tabs,
      defaultHeaders: config.defaultHeaders,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
    }),
  );
})();
`;
  const scriptHash = createHash('sha256').update(script, 'utf8').digest('base64');
  const scripts = ASSET_SOURCES.filter((a) => a.contentType === JS)
    .map((a) => `    <script src="${ASSET_PREFIX}${a.file}"></script>`)
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(options.title ?? DEFAULT_TITLE)}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${ASSET_PREFIX}graphiql.min.css">
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql">正在加载 GraphiQL… / Loading GraphiQL…</div>
    <noscript>GraphiQL 需要启用 JavaScript / GraphiQL requires JavaScript.</noscript>
${scripts}
    <script>${script}</script>
  </body>
</html>
`;
  const origin = endpointOrigin(options.endpoint);
  const csp = [
    "default-src 'none'",
    `script-src 'self' 'sha256-${scriptHash}'`,
    // The GraphiQL bundle injects <style> elements at runtime (react-style-singleton) without a way to
    // hand it a nonce, so inline styles cannot be restricted further.
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self'${origin ? ` ${origin}` : ''}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html: Buffer.from(html, 'utf8'), csp };
}

/**
 * The page at /playground (and at / unless the GraphQL endpoint is there), and its four assets
 * at /playground/assets/ from their packages' folders: nothing else of those folders is served.
 * A fastify plugin, registered in its own context: the compression stays with the assets.
 */
export async function playground(app: FastifyInstance, options: PlaygroundOptions): Promise<void> {
  const page = buildPage(options);
  const send = (_request: unknown, reply: FastifyReply) =>
    reply
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': page.csp,
        'cache-control': 'no-cache',
        'referrer-policy': 'no-referrer',
      })
      .send(page.html);
  app.get('/playground', send);
  // A GraphQL endpoint at '/' owns that path; the playground then lives only at /playground.
  if (options.endpoint.split('?', 1)[0] !== '/') app.get('/', send);

  const served = new Map<string, string>(ASSET_SOURCES.map((a) => [`/${a.file}`, a.contentType]));
  await app.register(async (assets) => {
    // The GraphiQL bundle ships unminified (~3.5 MB); gzip shrinks it several-fold, which matters
    // on slow government links. Browsers then revalidate it by its ETag (304).
    await assets.register(fastifyCompress, { global: true, encodings: ['gzip'] });
    // Our own types, with their charset, whatever a MIME table says of the extension.
    assets.addHook('onSend', async (request, reply, payload) => {
      const type = served.get(`/${request.url.split('?', 1)[0]!.split('/').pop()}`);
      if (type && reply.statusCode < 300) reply.header('content-type', type);
      return payload;
    });
    await assets.register(fastifyStatic, {
      root: assetRoots(),
      prefix: ASSET_PREFIX,
      decorateReply: false,
      index: false,
      list: false,
      redirect: false,
      maxAge: 86_400_000,
      allowedPath: (pathName) => served.has(pathName),
    });
  });
}
