/**
 * Idempotent commands: the key is claimed first thing in the transaction
 * (INSERT … ON CONFLICT DO NOTHING on the primary key) and the result stored
 * under it before commit. A second call with the key — sequential or
 * concurrent — finds it claimed: a concurrent one waits on the unique index
 * until the first commits, then reads its result; nothing runs twice. A
 * command that failed rolled its claim back and may be retried. (Two
 * statements on the fast path, where an advisory lock + lookup + insert took three.)
 */
import { checkIdempotencyKey, type Context, type Tx } from '../../../shared/src';

export async function idempotent<T>(ctx: Context, command: string, key: unknown, work: (tx: Tx) => Promise<T>): Promise<T> {
  const fullKey = `${command}:${checkIdempotencyKey(key)}`;
  return ctx.db.transaction(async (tx) => {
    const claimed = await tx.query(
      `INSERT INTO stock.command_result (key, command, result) VALUES ($1, $2, 'null'::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key`, [fullKey, command]);
    if (!claimed.length) {
      // Claimed by a committed call (a concurrent one has committed by the time the insert returns).
      const [prior] = await tx.query('SELECT result FROM stock.command_result WHERE key = $1', [fullKey]);
      return prior.result as T;
    }
    const result = await work(tx);
    await tx.query('UPDATE stock.command_result SET result = $2 WHERE key = $1', [fullKey, JSON.stringify(result ?? null)]);
    return result;
  });
}
