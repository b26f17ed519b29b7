/**
 * HTTP load with autocannon (bounded: a fixed number of requests or seconds,
 * localhost only), returning the figures every benchmark reports.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  non2xx: number;
  durationS: number;
}

export interface LoadOptions {
  url: string;
  token: string;
  /** The GraphQL request bodies, used round-robin. */
  bodies: { query: string; variables?: Record<string, unknown> }[];
  connections: number;
  /** Stop after this many requests… */
  amount?: number;
  /** …or after this many seconds. */
  duration?: number;
}

export async function graphqlLoad(o: LoadOptions): Promise<LoadResult> {
  const u = new URL(o.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) throw new Error('benchmarks send traffic to localhost only');
  const encoded = o.bodies.map((b) => JSON.stringify(b));
  let i = 0;
  const result = await autocannon({
    url: o.url,
    connections: o.connections,
    // autocannon refuses a `duration` key next to `amount`, even an undefined one.
    ...(o.amount ? { amount: o.amount } : { duration: o.duration ?? 10 }),
    timeout: 30,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
        setupRequest: (req: any) => ({ ...req, body: encoded[i++ % encoded.length] }),
      },
    ],
  });
  return {
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors,
    non2xx: result.non2xx,
    durationS: result.duration,
  };
}

/** Sends one GraphQL request and returns its data (throws on errors). */
export async function gqlCall<T = any>(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body: any = await res.json();
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data as T;
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
