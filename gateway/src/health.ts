/**
 * GET /health: 200 only when the gateway and every subgraph answer their own
 * /health within `timeoutMs` (HEALTH_TIMEOUT_MS). The JSON body says what is
 * down: `subgraphs` (each `ok`, `unreachable`, `timeout`, `database
 * unavailable` or `status <n>`), `database` (`ok`, `unavailable`, or
 * `unknown` when no subgraph could tell) and `down`, the parts of the
 * platform that are not working, in the words of SERVICE_UNAVAILABLE's
 * `params.part` (catalog, stock, purchasing, workshop, database).
 */
import type { Request, Response } from 'express';
import { partOfService } from '../../subgraphs/shared/src';

type SubgraphHealth = 'ok' | 'unreachable' | 'timeout' | 'database unavailable' | `status ${number}`;

export function healthHandler(subgraphUrls: Record<string, string>, timeoutMs = 1000) {
  return async (_req: Request, res: Response) => {
    const entries = await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]): Promise<readonly [string, SubgraphHealth]> => {
        try {
          const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
          if (r.ok) return [name, 'ok'];
          const body = (await r.json().catch(() => undefined)) as { database?: string } | undefined;
          return [name, body?.database === 'unavailable' ? 'database unavailable' : `status ${r.status}`];
        } catch (err) {
          return [name, (err as Error)?.name === 'TimeoutError' ? 'timeout' : 'unreachable'];
        }
      }),
    );
    const subgraphs = Object.fromEntries(entries);
    const ok = entries.every(([, s]) => s === 'ok');
    const dbDown = entries.some(([, s]) => s === 'database unavailable');
    const database = dbDown ? 'unavailable' : entries.some(([, s]) => s === 'ok') ? 'ok' : 'unknown';
    const down = [...new Set([...(dbDown ? ['database'] : []), ...entries.filter(([, s]) => s !== 'ok' && s !== 'database unavailable').map(([n]) => partOfService(n))])];
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', subgraphs, database, down });
  };
}
