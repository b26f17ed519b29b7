/** GET /health: 200 only when the gateway and every subgraph answer their own /health. */
import type { Request, Response } from 'express';

export function healthHandler(subgraphUrls: Record<string, string>, timeoutMs = 2000) {
  return async (_req: Request, res: Response) => {
    const entries = await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => {
        try {
          const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
          return [name, r.ok ? 'ok' : `status ${r.status}`] as const;
        } catch {
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const subgraphs = Object.fromEntries(entries);
    const ok = entries.every(([, s]) => s === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', subgraphs });
  };
}
