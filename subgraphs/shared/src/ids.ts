/**
 * What an id argument that is not a UUID means, said once. Every table's id
 * is a `uuid`, so PostgreSQL would fail on `'abc'::uuid`; instead:
 * - a lookup (`rowById`) finds no row — the loader or repository never sees
 *   the value;
 * - a lookup that must find its row (`rowOrRefuse`) and an id checked before
 *   it is looked up elsewhere (`idOrRefuse`) give the same NOT_FOUND refusal
 *   as an id that names nothing;
 * - an id given as input to store or filter by (`idInput`) is BAD_USER_INPUT
 *   `INVALID_VALUE` naming the field;
 * - a list filter (`matchesNothing`, and the page builder's `ids`) matches
 *   nothing.
 */
import { badInput, unknownId, type RefusalParams } from './errors';
import type { Reason } from './reasons';

/** Accepts only UUIDs as ids so that a malformed id is NOT_FOUND/BAD_USER_INPUT, never a SQL error. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID_RE.test(s);

/**
 * Whether a list filtered by these ids matches nothing without asking: one is set (not null or undefined — `''` is set,
 * as the page builder reads it) and is not a UUID, so no row has it.
 */
export const matchesNothing = (...filterIds: unknown[]): boolean => filterIds.some((v) => v !== null && v !== undefined && !isUuid(v));

/** The NOT_FOUND refusal of one kind of record: `reason`, the record's name for the message, the param naming the id (default `id`). */
export interface UnknownIdRefusal {
  reason: Reason;
  what: string;
  param?: string;
}

/** The refusals of the records several subgraphs look up by id. */
export const UNKNOWN_PART: UnknownIdRefusal = { reason: 'PART_NOT_FOUND', what: 'Part', param: 'partId' };
export const UNKNOWN_STATION: UnknownIdRefusal = { reason: 'STATION_NOT_FOUND', what: 'Station', param: 'stationId' };

/** `id` if it is a UUID, else the NOT_FOUND refusal `unknown` (for an id that is looked up later, in a transaction or by another subgraph). */
export function idOrRefuse(id: unknown, unknown: UnknownIdRefusal): string {
  if (!isUuid(id)) throw unknownId(unknown.reason, unknown.what, id, unknown.param);
  return id;
}

/** The row `id` names, or null; an id that is not a UUID names no row and `load` never sees it. */
export async function rowById<T>(id: unknown, load: (id: string) => Promise<T | null | undefined>): Promise<T | null> {
  return isUuid(id) ? ((await load(id)) ?? null) : null;
}

/** The row `id` names, or the NOT_FOUND refusal `unknown` — the same whether the id names nothing or is no UUID at all. */
export async function rowOrRefuse<T>(id: unknown, load: (id: string) => Promise<T | null | undefined>, unknown: UnknownIdRefusal): Promise<T> {
  const row = await rowById(id, load);
  if (!row) throw unknownId(unknown.reason, unknown.what, id, unknown.param);
  return row;
}

/** `value` if it is a UUID, else BAD_USER_INPUT `INVALID_VALUE` with `params.field` (and `extra`, e.g. the line). */
export function idInput(value: unknown, field: string, message = `${field} must be an id`, extra: RefusalParams = {}): string {
  if (!isUuid(value)) throw badInput('INVALID_VALUE', message, { field, ...extra });
  return value;
}

/** `value` if it is a list of UUIDs (and not empty, with `nonEmpty`), else BAD_USER_INPUT `INVALID_VALUE` naming the field. */
export function idListInput(value: unknown, field: string, message: string, o: { nonEmpty?: boolean } = {}): string[] {
  if (!Array.isArray(value) || (o.nonEmpty && !value.length) || !value.every(isUuid)) throw badInput('INVALID_VALUE', message, { field });
  return value;
}
