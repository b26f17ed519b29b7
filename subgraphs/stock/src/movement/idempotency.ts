/**
 * Idempotent commands: the result is stored under its key in the same
 * transaction as the change, and the key is locked for the transaction, so the
 * same key again — sequentially or concurrently — returns the first result and
 * changes nothing. A command that failed stored nothing and may be retried.
 */
import { badInput, type Context, type Tx } from '../../../shared/src';

export async function idempotent<T>(ctx: Context, command: string, key: unknown, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (typeof key !== 'string' || !key.trim() || key.length > 300) throw badInput('idempotencyKey is required (at most 300 characters)', { idempotencyKey: 'required' });
  const fullKey = `${command}:${key}`;
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [fullKey]);
    const prior = await tx.query('SELECT result FROM stock.command_result WHERE key = $1', [fullKey]);
    if (prior.length) return prior[0].result as T;
    const result = await work(tx);
    await tx.query('INSERT INTO stock.command_result (key, command, result) VALUES ($1, $2, $3)', [fullKey, command, JSON.stringify(result ?? null)]);
    return result;
  });
}
