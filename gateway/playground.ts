/**
 * GraphiQL served entirely from local npm packages: government networks are often cut off from the
 * internet, so the page must not reference any CDN or other external URL.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { EXAMPLE_OPERATIONS } from './playground-examples.js';

export interface PlaygroundOptions {
  /** Where the page POSTs GraphQL requests, e.g. '/graphql'. */
  endpoint: string;
  title?: string;
  /** JSON text preset in the header editor, e.g. '{"Authorization":"Bearer ..."}'. */
  defaultHeaders?: string;
}

export type PlaygroundHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export const DEFAULT_TITLE = '公共数据联邦 GraphQL Playground';
export const ASSET_PREFIX = '/playground/assets/';

interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
  gzipped?: Promise<Buffer>;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

// Order matters: the GraphiQL UMD bundle reads window.React and window.ReactDOM when it loads.
const ASSET_SOURCES = [
  { file: 'react.production.min.js', pkg: 'react', path: 'umd/react.production.min.js', contentType: JS },
  { file: 'react-dom.production.min.js', pkg: 'react-dom', path: 'umd/react-dom.production.min.js', contentType: JS },
  { file: 'graphiql.min.js', pkg: 'graphiql', path: 'graphiql.min.js', contentType: JS },
  { file: 'graphiql.min.css', pkg: 'graphiql', path: 'graphiql.min.css', contentType: CSS },
] as const;

const gzipAsync = promisify(gzip);

let cachedAssets: Map<string, Asset> | undefined;

/** Read synchronously and only once, so a missing package fails at start-up rather than on first visit. */
function loadAssets(): Map<string, Asset> {
  if (cachedAssets) return cachedAssets;
  const require = createRequire(import.meta.url);
  const assets = new Map<string, Asset>();
  for (const source of ASSET_SOURCES) {
    const body = readFileSync(join(dirname(require.resolve(`${source.pkg}/package.json`)), source.path));
    const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    assets.set(source.file, { body, contentType: source.contentType, etag });
  }
  cachedAssets = assets;
  return assets;
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

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function matchesEtag(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (typeof header !== 'string') return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer) {
  res.writeHead(status, { ...headers, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset): void {
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': 'public, max-age=86400',
    etag: asset.etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
  };
  if (matchesEtag(req, asset.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  if (!acceptsGzip(req)) {
    send(req, res, 200, headers, asset.body);
    return;
  }
  // The GraphiQL bundle ships unminified (~3.5 MB); gzip shrinks it several-fold, which matters on slow
  // government links. Compressed lazily and off the event loop, then kept for every later request.
  asset.gzipped ??= gzipAsync(asset.body);
  asset.gzipped.then(
    (gzipped) => send(req, res, 200, { ...headers, 'content-encoding': 'gzip' }, gzipped),
    () => send(req, res, 200, headers, asset.body),
  );
}

export function createPlayground(options: PlaygroundOptions): PlaygroundHandler {
  const assets = loadAssets();
  const page = buildPage(options);
  const pageHeaders = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': page.csp,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  // A GraphQL endpoint at '/' owns that path; the playground then lives only at /playground.
  const servesRoot = options.endpoint.split('?', 1)[0] !== '/';

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '').split('?', 1)[0] ?? '';
    if (path === '/playground' || (path === '/' && servesRoot)) {
      send(req, res, 200, pageHeaders, page.html);
      return true;
    }
    if (path.startsWith(ASSET_PREFIX)) {
      const asset = assets.get(path.slice(ASSET_PREFIX.length));
      if (!asset) return false;
      sendAsset(req, res, asset);
      return true;
    }
    return false;
  };
}
