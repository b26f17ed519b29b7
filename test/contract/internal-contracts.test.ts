/**
 * The internal commands are declared once (subgraphs/shared/src/contracts.ts):
 * every owner registers exactly the commands the table gives it, and
 * docs/internal-contracts.md describes exactly those, under their owner.
 * (That the handler and the callers use the contract's types is checked by
 * the compiler: `commandHandlers` and `sendCommand`.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { COMMAND_OWNERS, type SubgraphRuntime } from '../../subgraphs/shared/src';
import { definitions } from '../../scripts/subgraphs';

const doc = fs.readFileSync(path.join(__dirname, '../../docs/internal-contracts.md'), 'utf8');

/** Command names in the doc's "## <owner> — commands" tables. */
function documented(): Map<string, string> {
  const out = new Map<string, string>();
  let owner: string | null = null;
  for (const line of doc.split('\n')) {
    const h = /^## (\w+) — commands/.exec(line);
    if (h) owner = h[1];
    else if (line.startsWith('## ')) owner = null;
    const row = /^\| `(\w+)`/.exec(line);
    if (owner && row) out.set(row[1], owner);
  }
  return out;
}

describe('internal contracts', () => {
  it('each subgraph registers exactly the commands it owns', () => {
    const registered: Record<string, string[]> = {};
    for (const def of definitions) registered[def.name] = Object.keys(def.commands?.({} as SubgraphRuntime) ?? {}).sort();
    const owned: Record<string, string[]> = Object.fromEntries(definitions.map((d) => [d.name, [] as string[]]));
    for (const [name, owner] of Object.entries(COMMAND_OWNERS)) owned[owner].push(name);
    for (const k of Object.keys(owned)) owned[k].sort();
    expect(registered).toEqual(owned);
  });

  it('docs/internal-contracts.md describes exactly those commands, each under its owner', () => {
    expect(Object.fromEntries([...documented()].sort())).toEqual(Object.fromEntries(Object.entries(COMMAND_OWNERS).sort()));
  });
});
