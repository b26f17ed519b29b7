/** A minimal GraphQL-over-HTTP client for tests: what a real client sends, nothing more. */
export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown }; path?: (string | number)[] }[];
}

export async function gql<T = any>(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body: any = await res.json().catch(() => ({}));
  return { status: res.status, data: body.data ?? undefined, errors: body.errors };
}

/** The error codes of a response, for `expect(codes(r)).toEqual([...])`. */
export const codes = (r: GqlResponse) => (r.errors ?? []).map((e) => e.extensions?.code);

/** Returns data or fails the test with the errors. */
export function ok<T>(r: GqlResponse<T>): T {
  if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors ?? r)}`);
  return r.data;
}
