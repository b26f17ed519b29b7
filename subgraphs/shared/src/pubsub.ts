/**
 * Postgres LISTEN/NOTIFY on one dedicated connection per process, with
 * reconnect. Every replica of every service listens, so events reach all of
 * them (ARCHITECTURE.md § Scaling out).
 */
import { Client } from 'pg';
import type { Logger } from './logger';

type Handler = (payload: string) => void;

export class PgListener {
  private client?: Client;
  private handlers = new Map<string, Set<Handler>>();
  private closed = false;
  private reconnectTimer?: NodeJS.Timeout;
  /** Called after every (re)connect, so consumers can catch up on what they missed while disconnected. */
  onReconnect?: () => void;

  constructor(private readonly url: string, private readonly log: Logger) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'partsgraph-listener' });
    client.on('notification', (msg) => {
      for (const h of this.handlers.get(msg.channel) ?? []) {
        try {
          h(msg.payload ?? '');
        } catch (err) {
          this.log.error({ err, channel: msg.channel }, 'notification handler failed');
        }
      }
    });
    client.on('error', (err) => {
      this.log.warn({ err: err.message }, 'listener connection lost; reconnecting');
      this.scheduleReconnect();
    });
    client.on('end', () => this.scheduleReconnect());
    await client.connect();
    this.client = client;
    for (const channel of this.handlers.keys()) await client.query(`LISTEN "${channel}"`);
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    this.client = undefined;
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = undefined;
      try {
        await this.connect();
        this.onReconnect?.();
      } catch {
        this.scheduleReconnect();
      }
    }, 500);
  }

  async listen(channel: string, handler: Handler): Promise<() => void> {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.client?.query(`LISTEN "${channel}"`);
    }
    set.add(handler);
    return () => set!.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }
}
