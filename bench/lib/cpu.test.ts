import { spawn } from 'node:child_process';
import { cpuMeter, cpuPerRequest, formatCpu, pidListening, treeTicks, type ProcReader, type Stat } from './cpu';

const linux = process.platform === 'linux';

(linux ? describe : describe.skip)('per-process CPU meter', () => {
  it('finds a process by its listening port and sees the CPU it burns', async () => {
    const child = spawn(process.execPath, ['-e', `
        const http = require('node:http');
        const s = http.createServer((req, res) => { const t = process.cpuUsage(); for (;;) { const u = process.cpuUsage(t); if (u.user + u.system >= 200000) break; } res.end('ok'); });
        s.listen(0, '127.0.0.1', () => process.send(s.address().port));`], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    try {
      const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)));
      expect(pidListening(port)).toBe(child.pid);
      const meter = cpuMeter([{ name: 'server', port }]);
      const before = meter.sample();
      for (let i = 0; i < 3; i++) await (await fetch(`http://127.0.0.1:${port}/`)).text();
      const per = cpuPerRequest(before, meter.sample(), 3);
      expect(per.server).toBeGreaterThan(100); // 200 ms of CPU per request (measured by the child itself, so a busy machine does not matter)
      expect(per.server).toBeLessThan(400);
      expect(formatCpu(per)).toMatch(/^CPU ms\/req: server \d+\.\d\d · load \d+\.\d\d · platform \d+\.\d\d$/);
    } finally {
      child.kill();
    }
  });

  it('finds nothing on a port nobody listens on', () => {
    expect(pidListening(1)).toBeUndefined();
  });
});

describe('CPU of a process tree (the postmaster and its backends)', () => {
  /** A postmaster (pid 1) with backends; `exitDuring` reaps backend 3 just after the children are listed, once. */
  function tree(o: { exitDuring?: boolean } = {}) {
    const live = new Map<number, Stat>([
      [1, { ppid: 0, self: 10, children: 100 }],
      [2, { ppid: 1, self: 40, children: 0 }],
      [3, { ppid: 1, self: 500, children: 0 }],
    ]);
    let pending = o.exitDuring;
    const reap = (pid: number) => {
      const root = live.get(1)!;
      live.set(1, { ...root, children: root.children + live.get(pid)!.self });
      live.delete(pid);
    };
    const proc: ProcReader = {
      stat: (pid) => live.get(pid),
      children: (pid) => {
        const pids = [...live].filter(([, s]) => s.ppid === pid).map(([p]) => p);
        if (pending) {
          pending = false;
          reap(3); // listed, then gone before its stat is read
        }
        return pids;
      },
    };
    return { proc, reap };
  }

  it('is the root, its reaped children and its live ones', () => {
    expect(treeTicks(1, tree().proc)).toBe(10 + 100 + 40 + 500);
  });

  it('a backend that exits between two samples keeps its CPU in the sum (through the reaped time)', () => {
    const t = tree();
    const before = treeTicks(1, t.proc)!;
    t.reap(3);
    expect(treeTicks(1, t.proc)! - before).toBe(0);
  });

  it('a backend reaped while its siblings are read is neither lost nor counted twice', () => {
    const before = treeTicks(1, tree().proc)!;
    const after = treeTicks(1, tree({ exitDuring: true }).proc)!;
    expect(after).toBe(before);
    // Read once, the old way (root, then the live children), the same moment lost the backend's 500 ticks.
    const t = tree({ exitDuring: true });
    const root = t.proc.stat(1)!;
    const once = root.self + root.children + t.proc.children(1).reduce((a, p) => a + (t.proc.stat(p)?.self ?? 0), 0);
    expect(once).toBe(before - 500);
  });

  it('nothing when the root is gone', () => {
    expect(treeTicks(9, tree().proc)).toBeUndefined();
  });

  it('per request: the difference of two samples divided by the requests, for the processes in both', () => {
    expect(cpuPerRequest({ gateway: 100, postgres: 50 }, { gateway: 300, postgres: 250, stock: 7 }, 100)).toEqual({ gateway: 2, postgres: 2 });
    expect(cpuPerRequest({ gateway: 100 }, { gateway: 300 }, 0)).toEqual({});
  });
});
