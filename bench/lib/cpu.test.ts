import { spawn } from 'node:child_process';
import { cpuMeter, cpuPerRequest, formatCpu, pidListening } from './cpu';

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
