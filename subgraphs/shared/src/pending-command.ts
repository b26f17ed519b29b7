/**
 * Pending commands: the one way a subgraph writes across subgraphs.
 *
 *   claim  — one local transaction, under an advisory lock on the command's
 *            key: the row already there for this key (same request → resume
 *            it; another request → CONFLICT IDEMPOTENCY_KEY_REUSED), or a new
 *            PENDING row holding the request, its fingerprint and its actor;
 *   drive  — the remote steps, each idempotent by a key derived from the row,
 *            then the local finish that marks the row DONE. Safe to run any
 *            number of times, also concurrently. A refusal from a remote step
 *            that changed nothing lets the command drop its claim;
 *   sweep  — rows PENDING longer than a grace period (the caller died or gave
 *            up) are driven to the end as the user who asked for them, at
 *            start-up and then periodically (`startSweep`).
 *
 * A command defines its own table and steps; this module owns the order of
 * the steps, the idempotency rule, the reuse check, the sweep and the
 * fault point between the remote step and the finish.
 */
import type { EntityManager } from 'typeorm';
import { badInput, conflict } from './errors';
import { checkText, LIMITS } from './limits';
import type { Context } from './context';
import type { User } from './auth';
import { makeContext, type SubgraphRuntime } from './subgraph';
import { startSweep } from './sweep';

/** The idempotency rule, for every command: a client's key is 1–200 characters of text (trimmed). */
export function checkIdempotencyKey(key: unknown, field = 'idempotencyKey'): string {
  const k = typeof key === 'string' ? key.trim() : '';
  if (!k) throw badInput('IDEMPOTENCY_KEY_INVALID', `${field} must be ${LIMITS.idempotencyKey.min} to ${LIMITS.idempotencyKey.max} characters`, { field, min: LIMITS.idempotencyKey.min, max: LIMITS.idempotencyKey.max });
  checkText(k, field, 'idempotencyKey');
  return k;
}

/** The reuse check, for every command: the same key with another request is a CONFLICT, never the first answer. */
export function assertSameRequest(storedFingerprint: string | null | undefined, fingerprint: string, what: string, field = 'idempotencyKey'): void {
  if (storedFingerprint != null && storedFingerprint !== fingerprint) {
    throw conflict('IDEMPOTENCY_KEY_REUSED', `This ${field} was used for a different ${what}`, { field });
  }
}

/** Who a command acts as, stored with its claim so that the sweep can finish it as them. */
export const actorOf = (ctx: Context): User => ({ id: ctx.user.id, roles: ctx.user.roles, stationId: ctx.user.stationId });

export interface ClaimOptions<Row> {
  /** What the key names, for the CONFLICT message ("requisition", "return", "sale"). */
  what: string;
  /** The advisory lock's name: every claim of this key takes it. */
  lockKey: string;
  fingerprint: string;
  /** The row of this key, if any (read under the lock). */
  find: (tx: EntityManager) => Promise<Row | undefined>;
  fingerprintOf: (row: Row) => string | null | undefined;
  /** Checks that need the lock and inserts the PENDING row (throwing here changes nothing). */
  insert: (tx: EntityManager) => Promise<Row>;
}

/** Step 1: the row for this key (checked to be the same request) or a new PENDING one. */
export async function claimCommand<Row>(ctx: Context, o: ClaimOptions<Row>): Promise<Row> {
  return ctx.db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [o.lockKey]);
    const again = await o.find(tx);
    if (again !== undefined) {
      assertSameRequest(o.fingerprintOf(again), o.fingerprint, o.what);
      return again;
    }
    return o.insert(tx);
  });
}

/** A kind of pending command, as its sweep sees it. */
export interface PendingCommand<Row> {
  /** Logged name. */
  name: string;
  /** PENDING rows older than `minAgeMs`, oldest first, at most `limit`. */
  pending: (rt: SubgraphRuntime, minAgeMs: number, limit: number) => Promise<Row[]>;
  /** The user who asked (the sweep acts as them). */
  actor: (row: Row) => User;
  /** Steps 2–3 for one row; safe to repeat and to run concurrently. */
  drive: (ctx: Context, row: Row) => Promise<unknown>;
  /** An id for the log line of a row that could not be finished yet. */
  idOf: (row: Row) => string;
}

/** One round of the sweep: every kind's PENDING rows older than `minAgeMs`, driven as their actor. Counts per kind. */
export async function sweepPending(rt: SubgraphRuntime, kinds: PendingCommand<any>[], minAgeMs: number, limit = 100): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const kind of kinds) {
    done[kind.name] = 0;
    for (const row of await kind.pending(rt, minAgeMs, limit)) {
      try {
        await kind.drive(makeContext(rt, kind.actor(row), '', rt.log), row);
        done[kind.name]++;
      } catch (err) {
        rt.log.warn({ err: (err as Error).message, id: kind.idOf(row) }, `could not finish a pending ${kind.name} yet`);
      }
    }
  }
  return done;
}

/** Starts the sweep of these kinds (everything at start-up, then rows older than `minAgeMs` every `everyMs`); returns the stop function. */
export function startPendingSweep(rt: SubgraphRuntime, kinds: PendingCommand<any>[], o: { everyMs?: number; minAgeMs?: number } = {}): () => void {
  return startSweep({
    name: `pending ${kinds.map((k) => k.name).join(' / ')} sweep`,
    log: rt.log,
    everyMs: o.everyMs ?? 10_000,
    minAgeMs: o.minAgeMs ?? 30_000,
    ready: () => rt.ds.isInitialized,
    run: async (minAgeMs) => {
      const n = await sweepPending(rt, kinds, minAgeMs);
      if (Object.values(n).some((x) => x > 0)) rt.log.info(n, 'finished pending commands');
    },
  });
}
