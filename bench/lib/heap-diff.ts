/**
 * What each further object of a kind costs in a V8 heap: the difference of two heap snapshots (`.heapsnapshot`, e.g.
 * from `node --heapsnapshot-signal=SIGUSR2` — a snapshot is taken after a full garbage collection, so it holds only
 * what is retained) by object type, divided by how many more of the measured thing the second has.
 *   node dist/bench/lib/heap-diff.js <before.heapsnapshot> <after.heapsnapshot> <count> [--top 40]
 * The alerts bench writes such a pair of the gateway at ALERT_HEAP_SNAPSHOTS (e.g. 200) and at all its subscribers.
 * Objects are keyed by V8's type and, for objects, closures and native objects, by constructor or function name.
 */
import fs from 'node:fs';

interface Summary {
  total: number;
  nodes: number;
  byKind: Map<string, { count: number; size: number }>;
}

export function summarise(file: string): Summary {
  const snap = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const byKind = new Map<string, { count: number; size: number }>();
  let total = 0;
  const { nodes, strings } = snap;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + iType]];
    const size = nodes[i + iSize];
    const named = type === 'object' || type === 'closure' || type === 'native';
    const key = named ? `${type} ${strings[nodes[i + iName]] || '(anonymous)'}` : type;
    let k = byKind.get(key);
    if (!k) byKind.set(key, (k = { count: 0, size: 0 }));
    k.count++;
    k.size += size;
    total += size;
  }
  return { total, nodes: nodes.length / width, byKind };
}

function main() {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 40;
  const [before, after, countText] = args;
  const count = Number(countText);
  if (!before || !after || !(count > 0)) {
    console.error('usage: heap-diff <before.heapsnapshot> <after.heapsnapshot> <count> [--top N]');
    process.exit(2);
  }
  const a = summarise(before);
  const b = summarise(after);
  const rows: { key: string; count: number; size: number }[] = [];
  for (const key of new Set([...a.byKind.keys(), ...b.byKind.keys()])) {
    const x = a.byKind.get(key) ?? { count: 0, size: 0 };
    const y = b.byKind.get(key) ?? { count: 0, size: 0 };
    rows.push({ key, count: (y.count - x.count) / count, size: (y.size - x.size) / count });
  }
  rows.sort((p, q) => Math.abs(q.size) - Math.abs(p.size));
  const kb = (n: number) => (n / 1024).toFixed(2);
  console.log(`heap ${kb(a.total)} → ${kb(b.total)} KB; per one of ${count} more: ${kb((b.total - a.total) / count)} KB, ${((b.nodes - a.nodes) / count).toFixed(1)} objects`);
  console.log('| kind | objects each | bytes each |');
  console.log('| --- | ---: | ---: |');
  for (const r of rows.slice(0, top)) console.log(`| ${r.key.replace(/\|/g, '\\|').slice(0, 60)} | ${r.count.toFixed(2)} | ${r.size.toFixed(0)} |`);
}

if (require.main === module) main();
