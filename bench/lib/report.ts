/** One results table for every benchmark, printed at the end of `npm run bench`. */
import { formatCpu } from './cpu';
export interface Row {
  benchmark: string;
  variant: string;
  p50?: number; // ms
  p99?: number; // ms
  throughput?: number;
  unit?: string; // e.g. "req/s", "issues/s"
  /** Ratio against the reference named in `ratioOf`. */
  ratio?: number;
  ratioOf?: string;
  target?: string;
  notes?: string;
  /** CPU milliseconds per request per process (bench/lib/cpu.ts), printed after the notes. */
  cpu?: Record<string, number>;
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '' : n >= 100 ? n.toFixed(0) : n.toFixed(digits));

export function formatTable(rows: Row[]): string {
  const header = ['benchmark', 'variant', 'p50 ms', 'p99 ms', 'throughput', 'ratio', 'target', 'notes'];
  const body = rows.map((r) => [
    r.benchmark,
    r.variant,
    fmt(r.p50),
    fmt(r.p99),
    r.throughput === undefined ? '' : `${fmt(r.throughput)} ${r.unit ?? ''}`.trim(),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}× ${r.ratioOf ?? ''}`.trim(),
    r.target ?? '',
    [r.notes, r.cpu ? formatCpu(r.cpu) : ''].filter(Boolean).join('; '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => [...b[i]].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join(' | ') + ' |';
  return [line(header), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...body.map(line)].join('\n');
}
