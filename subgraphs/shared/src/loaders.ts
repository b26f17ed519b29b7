/** DataLoader helpers: one batched query per request for keyed lookups. */
import DataLoader from 'dataloader';
import { loader, type Context } from './context';
import { isUuid } from './ids';

/** A per-request loader of rows by key (`fetch` returns rows in any order; `keyOf` maps each back). */
export function byKey<K, V>(ctx: Context, name: string, fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K): DataLoader<K, V | null> {
  return loader(ctx, name, () => new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const map = new Map(rows.map((r) => [keyOf(r), r] as const));
    return keys.map((k) => map.get(k) ?? null);
  }, { maxBatchSize: 1000 }));
}

/** `byKey` for rows keyed by a uuid id: an id that is not a UUID names no row (null) and never reaches `fetch` or PostgreSQL. */
export function byId<V>(ctx: Context, name: string, fetch: (ids: string[]) => Promise<V[]>, idOf: (v: V) => string): DataLoader<string, V | null> {
  return byKey<string, V>(ctx, name, async (ids) => {
    const valid = ids.filter(isUuid);
    return valid.length ? fetch(valid) : [];
  }, idOf);
}

/** A per-request loader of row lists grouped by key (one-to-many). */
export function groupedByKey<K, V>(ctx: Context, name: string, fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (v: V) => K): DataLoader<K, V[]> {
  return loader(ctx, name, () => new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const map = new Map<K, V[]>();
    for (const r of rows) {
      const k = keyOf(r);
      const list = map.get(k);
      if (list) list.push(r);
      else map.set(k, [r]);
    }
    return keys.map((k) => map.get(k) ?? []);
  }, { maxBatchSize: 1000 }));
}

/** Caps list sizes as API.md says: any `first` up to 200, larger values capped, not refused. */
export function capFirst(first: number | null | undefined, fallback: number, max = 200): number {
  if (first === null || first === undefined || !Number.isFinite(first)) return fallback;
  return Math.max(0, Math.min(Math.floor(first), max));
}

/** Opaque cursors: base64url of a JSON value. Invalid cursors are the caller's error. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

import { badInput } from './errors';

/** The `[time as ISO text, id]` cursor of a newest-first list that predates the page builder. */
export const isTimeIdCursor = (v: unknown): v is [string, string] => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && isUuid(v[1]);

export function decodeCursor<T>(cursor: string | null | undefined, check: (v: unknown) => v is T): T | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(v)) return v;
  } catch {
    /* fall through */
  }
  throw badInput('INVALID_CURSOR', 'The cursor is not valid', { field: 'after' });
}
