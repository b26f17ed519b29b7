/**
 * The request context every resolver and service receives first: who is
 * calling, for which station, a logger, the database and the per-request
 * DataLoaders. Also the authorisation helpers that use it.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from './logger';
import { forbidden, badInput } from './errors';
import { SERVICE_ROLE, type AnyRole, type Role, type User } from './auth';

export interface Context {
  user: User;
  /** The caller's raw token, forwarded when this subgraph calls another. */
  token: string;
  log: Logger;
  db: DataSource;
  /** Per-request memo for DataLoaders: `loader(ctx, key, factory)`. */
  loaders: Map<string, unknown>;
  requestId: string;
  /** The clock; services read time from here so that tests can fix it. */
  now: () => Date;
  /** Where the request came from (the gateway's signed CLIENT_HEADER, else the socket), for sign-in throttling. */
  clientAddress?: string;
}

/** Returns the request's DataLoader for `key`, creating it once per request. */
export function loader<T>(ctx: Context, key: string, create: () => T): T {
  let l = ctx.loaders.get(key) as T | undefined;
  if (!l) {
    l = create();
    ctx.loaders.set(key, l);
  }
  return l;
}

export function hasRole(user: User, ...roles: AnyRole[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

export const isHq = (user: User) => hasRole(user, 'HQ_ADMIN');
export const isService = (user: User) => hasRole(user, SERVICE_ROLE);

/** Throws FORBIDDEN unless the caller has one of `roles` (HQ_ADMIN and services always pass). */
export function requireRole(ctx: Context, ...roles: Role[]): void {
  if (isHq(ctx.user) || isService(ctx.user)) return;
  if (!hasRole(ctx.user, ...roles)) {
    throw forbidden('ROLE_REQUIRED', `This needs one of the roles ${roles.join(', ')}`, { roles });
  }
}

/**
 * The station an operation acts for. A station user always acts for their
 * own station (asking for another is FORBIDDEN); HQ and services must name
 * one when `required`, or get `null` meaning "all stations".
 */
export function scopeStation(ctx: Context, stationId: string | null | undefined, required: true): string;
export function scopeStation(ctx: Context, stationId: string | null | undefined, required?: false): string | null;
export function scopeStation(ctx: Context, stationId: string | null | undefined, required = false): string | null {
  const { user } = ctx;
  if (isHq(user) || (isService(user) && !user.stationId)) {
    if (!stationId && required) throw badInput('STATION_REQUIRED', 'stationId is required for this operation', { field: 'stationId' });
    return stationId ?? null;
  }
  if (!user.stationId) throw forbidden('NO_STATION', 'Your token names no station');
  if (stationId && stationId !== user.stationId) throw forbidden('OTHER_STATION', 'You may only act for your own station');
  return user.stationId;
}

/** Throws FORBIDDEN unless a record of `ownerStationId` is visible to the caller. */
export function assertStationAccess(ctx: Context, ownerStationId: string): void {
  const { user } = ctx;
  if (isHq(user) || (isService(user) && !user.stationId)) return;
  if (user.stationId !== ownerStationId) throw forbidden('OTHER_STATION', 'That belongs to another station');
}

export type Tx = EntityManager;
