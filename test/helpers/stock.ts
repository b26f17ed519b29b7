/** Test helpers for stock: call the stock commands as a service would, and read levels the way clients do. */
import { serviceToken, type Role } from '../../subgraphs/shared/src';
import type { Platform } from './platform';

/** POSTs an internal command to a subgraph with a SERVICE token whose signed `act` claim is `actor`. */
export async function command<T = any>(p: Platform, subgraph: 'stock' | 'procurement' | 'catalog' | 'workshop', name: string, input: unknown, actor: { id?: string; roles: (Role | 'SERVICE')[]; stationId?: string | null }): Promise<{ status: number; result?: T; error?: { code: string; message: string; [k: string]: unknown } }> {
  const token = await serviceToken(p.secret, 'test', { id: actor.id ?? 'tester', roles: actor.roles, stationId: actor.stationId ?? null });
  const res = await fetch(`${p.subgraphs[subgraph].url}/internal/commands/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ input }),
  });
  const body: any = await res.json();
  return { status: res.status, result: body.result, error: body.error };
}
