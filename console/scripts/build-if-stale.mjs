#!/usr/bin/env node
/**
 * Builds the console (vite) only when console/dist is missing or older than
 * its sources, so that `npm start` stays fast on a warm start.
 * `--force` always builds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'index.html');
const sources = ['src', 'index.html', 'vite.config.mts', 'tsconfig.json', 'public'];

function newest(p) {
  let st;
  try { st = fs.statSync(p); } catch { return 0; }
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

const force = process.argv.includes('--force');
const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const srcAt = Math.max(...sources.map((s) => newest(path.join(root, s))));
// package-lock.json changes when console dependencies change
const lockAt = newest(path.join(root, '..', 'package-lock.json'));
if (!force && builtAt && builtAt >= srcAt && builtAt >= lockAt) process.exit(0);

let vite;
try {
  vite = path.join(path.dirname(createRequire(path.join(root, 'x.js')).resolve('vite/package.json')), 'bin', 'vite.js');
} catch {
  console.error('[console] vite is not installed (run `npm install`); the console is not built');
  process.exit(builtAt ? 0 : 1);
}
const started = Date.now();
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '--config', path.join(root, 'vite.config.mts')], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
fs.utimesSync(built, new Date(), new Date()); // vite keeps index.html's mtime stable enough, but be explicit
console.log(`[console] built in ${((Date.now() - started) / 1000).toFixed(1)}s`);
