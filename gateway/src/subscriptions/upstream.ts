/**
 * The gateway's side of a subscription towards the owning subgraph: one
 * graphql-ws connection per subgraph for the whole gateway, authenticated
 * with a service token, carrying every subscriber's operation. Each
 * operation carries its subscriber's own bearer token in
 * `extensions.authorization`, and the subgraph authenticates, scopes and
 * expires it on its own (subgraphs/shared/src/subscriptions.ts), as it would
 * a connection of that person. (One connection per subscriber cost the
 * gateway ~11 KB of heap each: a socket, ws' receiver and sender, and
 * graphql-ws' client with its closures, promises and timers.) Events are
 * pushed into the subscription's bounded queue without waiting, so one slow
 * client never holds up the socket the others share.
 * No silent retries: if the subgraph goes away every subscriber on it is
 * told, and resumes from the last seq it saw.
 *
 * What ends one operation is kept apart from what ends the stream: the
 * subgraph refuses or expires an operation's token with an `error` message
 * of UNAUTHENTICATED, which becomes an `unauthenticated` event — the gateway
 * answers it as it answers its own token check (index.ts: at expiry the
 * client's socket is closed with 4401), never as the stream's `complete`.
 */
import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import type { BoundedQueue } from '../../../subgraphs/shared/src/subscriptions';

/** Close code of an upstream that did not acknowledge or answer a ping within the deadline. */
export const UPSTREAM_TIMEOUT = 4504;

export type UpstreamEvent =
  | ExecutionResult
  /** The connection to the subgraph closed (or never opened): every operation on it ends. */
  | { upstreamClosed: { code: number; reason: string } }
  /** The subgraph refused this operation's token, or ended the operation when the token expired (`reason` TOKEN_EXPIRED). */
  | { unauthenticated: { reason: string; message: string } };

/**
 * A WebSocket whose upgrade has the deadline too, and whose close towards a peer that no longer answers does not wait
 * ws's 30 s for its close frame. One class per deadline (not per connection: a class each costs every idle subscriber).
 */
const socketClasses = new Map<number, unknown>();
function deadlineSocket(deadline: number): unknown {
  let C = socketClasses.get(deadline);
  if (!C) {
    C = class DeadlineSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { handshakeTimeout: deadline });
      }
      override close(code?: number, reason?: string | Buffer): void {
        super.close(code, reason);
        setTimeout(() => this.terminate(), Math.min(deadline, 1000)).unref();
      }
    };
    socketClasses.set(deadline, C);
  }
  return C;
}

export class UpstreamClients {
  private clients = new Map<string, Client>();

  /**
   * `credentials` gives the connection's service bearer (asked again on every (re)connect: service tokens are
   * short-lived). `deadlineMs` bounds the wait for the subgraph's connection_ack and for the pong to each keep-alive
   * ping: a subgraph that stopped answering (frozen, network gone) is dropped (its subscribers get
   * SERVICE_UNAVAILABLE) instead of leaving the subscriptions silent forever.
   */
  constructor(private readonly urls: Record<string, string>, private readonly credentials: () => Promise<string>, private readonly keepAliveMs = 10_000, private readonly deadlineMs = 5000) {}

  /** Open upstream connections (or ones being opened), for tests. */
  get size(): number {
    return this.clients.size;
  }

  private client(service: string): Client {
    let c = this.clients.get(service);
    if (!c) {
      const base = this.urls[service];
      if (!base) throw new Error(`No address for subgraph ${service}`);
      let socket: WebSocket | undefined;
      let pongTimer: NodeJS.Timeout | undefined;
      const giveUp = () => socket?.terminate();
      c = createClient({
        url: `${base.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: deadlineSocket(this.deadlineMs),
        connectionParams: async () => ({ authorization: await this.credentials() }),
        // Connected while any subscriber runs an operation on it, closed with the last.
        lazy: true,
        retryAttempts: 0,
        keepAlive: this.keepAliveMs,
        connectionAckWaitTimeout: this.deadlineMs,
        on: {
          opened: (s) => { socket = s as WebSocket; },
          ping: (received) => {
            if (received) return;
            clearTimeout(pongTimer);
            pongTimer = setTimeout(giveUp, this.deadlineMs);
            pongTimer.unref();
          },
          pong: (received) => { if (received) clearTimeout(pongTimer); },
          closed: () => { clearTimeout(pongTimer); socket = undefined; },
        },
      });
      this.clients.set(service, c);
    }
    return c;
  }

  /**
   * Starts `query` on `service` for the subscriber whose bearer is `authorization`; every result goes into `queue`.
   * Returns the unsubscribe function.
   */
  subscribe(service: string, query: string, variables: Record<string, unknown>, authorization: string, queue: BoundedQueue<UpstreamEvent>): () => void {
    return this.client(service).subscribe<Record<string, unknown>>({ query, variables, extensions: { authorization } }, new QueueSink(queue));
  }

  async dispose(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(all.map((c) => c.dispose()));
  }
}

/**
 * What one operation's results do: go into its subscription's queue. A class, so each subscriber holds one small object
 * and the methods are shared (graphql-ws calls them as `sink.next(…)`), not three closures and their context.
 */
class QueueSink {
  constructor(private readonly queue: BoundedQueue<UpstreamEvent>) {}

  next(result: unknown): void {
    void this.queue.push(result as ExecutionResult);
  }

  complete(): void {
    this.queue.end();
  }

  error(err: unknown): void {
    const queue = this.queue;
    if (Array.isArray(err)) {
      const errors = err as GraphQLFormattedError[];
      if (errors.length && errors.every((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
        // This subscriber's token, refused at subscribe or expired since: what a 4401 close of their own connection was.
        queue.push({ unauthenticated: { reason: String(errors[0].extensions?.reason ?? 'TOKEN_INVALID'), message: errors[0].message } });
      } else {
        // An `error` message from the subgraph (e.g. validation): the client gets the errors.
        queue.push({ data: null, errors } as unknown as ExecutionResult);
      }
    } else {
      const close = err as { code?: number; reason?: string; message?: string };
      queue.push({ upstreamClosed: { code: close.code ?? 1006, reason: close.reason || close.message || 'connection lost' } });
    }
    queue.end();
  }
}
