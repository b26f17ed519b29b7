/**
 * A graphql-ws client for the shortage-alert tests: what a purchasing console
 * does (createClient with `ws`, token in the connection params), plus waiting
 * for events and for the server closing the socket.
 */
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { callCommand, type Role, type User } from '../subgraphs/shared/src';
import type { Platform } from '../test/helpers/platform';
import { ShortageAlertFeed } from '../subgraphs/procurement/src/shortage-alert/shortage-alert.feed';

export const ALERT_FIELDS = `id seq available reorderPoint
  shortage { id kind quantity reference station { id code } part { id partNo name stock { available } } }`;
export const ALERTS = `subscription Alerts($s: ID, $after: Int, $lastId: ID) {
  shortageAlerts(stationId: $s, afterSeq: $after, lastId: $lastId) { ${ALERT_FIELDS} } }`;

export interface Closed {
  code: number;
  reason: string;
}

export class AlertClient {
  readonly client: Client;
  readonly events: any[] = [];
  readonly errors: any[] = [];
  closed?: Closed;
  completed = false;
  private listeners = new Set<() => void>();

  constructor(url: string, authorization: string | null, opts: { lazy?: boolean } = {}) {
    this.client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: authorization === null ? {} : { authorization },
      lazy: opts.lazy ?? true,
      retryAttempts: 0,
      on: {
        closed: (e: any) => {
          this.closed = { code: e.code, reason: String(e.reason ?? '') };
          this.notify();
        },
      },
      onNonLazyError: () => undefined,
    });
  }

  private notify() {
    for (const l of this.listeners) l();
  }

  subscribe(variables: Record<string, unknown> = {}, query = ALERTS): () => void {
    return this.client.subscribe(
      { query, variables },
      {
        next: (r: any) => {
          if (r.errors) this.errors.push(...r.errors);
          if (r.data) this.events.push(r.data.shortageAlerts ?? r.data);
          this.notify();
        },
        error: (err: any) => {
          if (Array.isArray(err)) this.errors.push(...err);
          else if (err && typeof err.code === 'number') this.closed ??= { code: err.code, reason: String(err.reason ?? '') };
          else this.errors.push({ message: String(err?.message ?? err) });
          this.notify();
        },
        complete: () => {
          this.completed = true;
          this.notify();
        },
      },
    );
  }

  /** Resolves once `predicate` holds (checked on every event, error and close), or fails after `ms`. */
  waitFor(predicate: (c: this) => boolean, ms = 5000, what = 'condition'): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (predicate(this)) {
          clearTimeout(timer);
          this.listeners.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}; events=${JSON.stringify(this.events.map((e) => e.seq))} errors=${JSON.stringify(this.errors)} closed=${JSON.stringify(this.closed)}`));
      }, ms);
      this.listeners.add(check);
    });
  }

  waitForEvents(n: number, ms = 5000) {
    return this.waitFor((c) => c.events.length >= n, ms, `${n} events`);
  }

  waitForClose(ms = 5000) {
    return this.waitFor((c) => !!c.closed, ms, 'close');
  }

  dispose() {
    return this.client.dispose();
  }
}

/** Waits until the procurement process has `n` live alert subscribers (the gateway subscribes upstream asynchronously). */
export async function untilSubscribers(p: Platform, n: number, ms = 5000): Promise<void> {
  const feed = ShortageAlertFeed.of(p.subgraphs.procurement.runtime);
  const until = Date.now() + ms;
  while (feed.subscriberCount < n) {
    if (Date.now() > until) throw new Error(`expected ${n} alert subscribers, have ${feed.subscriberCount}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let keys = 0;
/** Opens a requisition shortfall through procurement's recordShortage command, as a clerk of the station would. */
export async function recordShortage(p: Platform, stationId: string, partId: string, quantity = 2, roles: Role[] = ['PARTS_CLERK']): Promise<string> {
  const actor: User = { id: 'clerk-test', roles, stationId };
  const r = await callCommand<{ shortageId: string }>(p.subgraphs.procurement.url, 'recordShortage',
    { idempotencyKey: `alert-test-${process.pid}-${Date.now()}-${keys++}`, stationId, partId, quantity, kind: 'REQUISITION_SHORTFALL', reference: `RO-${keys}` },
    actor, { secret: p.secret, caller: 'test' });
  return r.shortageId;
}
