/** What the benchmarks share: a strict GraphQL client, percentiles and a plain-text table. */

// biome-ignore lint/suspicious/noExplicitAny: GraphQL response JSON, read by field name without a schema type
export type Data = Record<string, any>;
export type Call = () => Promise<Data>;

/** Any GraphQL error (or a missing `data`) fails the run: a fast error is not a result. */
export async function post(url: string, body: string, headers: Record<string, string>): Promise<Data> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await res.json()) as { data?: Data | null; errors?: { message: string }[] };
  if (json.errors?.length || !json.data) {
    throw new Error(`request to ${url} failed (HTTP ${res.status}): ${json.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  return json.data;
}

/** The token is minted once: signing a JWT per request would bill client CPU to the gateway case. */
export const viaGateway =
  (gatewayUrl: string, token: string) =>
  (query: string, variables: Data = {}): Call =>
  () =>
    post(`${gatewayUrl}/graphql`, JSON.stringify({ query, variables }), { authorization: `Bearer ${token}` });

/** Nearest-rank percentile of an ascending list. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;

/** Columns padded to their widest cell, aligned per column as `align` says ('l' or 'r', e.g. 'llrrr'). */
export function formatTable(header: string[], cells: string[][], align: string): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (align[i] === 'l' ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${cells.map(line).join('\n')}`;
}
