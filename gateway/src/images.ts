/**
 * Part images of the demo catalog, served by the platform itself at
 * /images/parts/<partNo>[-n].svg: the seed stores those paths and the catalog
 * gives them to clients under PUBLIC_URL, so the pictures load for the console
 * and for any API client without a network beyond the platform. (Demos loaded
 * before 2026-12-04 held https://img.partsgraph.example/parts/…jpg, a host that
 * does not exist: catalog's migration 1765200000000 rewrites them to these
 * paths; the console still maps such an address onto them, which any ending
 * answers.) Each is drawn from the part number: a product card (SVG)
 * with the part's number, a colour of its own and a generic part outline,
 * cacheable for a day.
 */
import type express from 'express';
import { createHash } from 'node:crypto';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/;

export function partImageSvg(name: string): string {
  const base = name.replace(/\.(jpe?g|png|svg|webp)$/i, '');
  const m = /^(.*?)(?:-(\d+))?$/.exec(base)!;
  const partNo = m[2] && Number(m[2]) < 10 ? m[1] : base;
  const view = m[2] && Number(m[2]) < 10 ? Number(m[2]) : 1;
  const h = createHash('sha1').update(partNo).digest();
  const hue = h[0] * 360 / 256;
  const shape = h[1] % 3;
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const body = shape === 0
    ? `<circle cx="160" cy="104" r="58" fill="hsl(${hue},45%,62%)"/><circle cx="160" cy="104" r="22" fill="#f4f6f9"/>${Array.from({ length: 8 }, (_, i) => `<rect x="152" y="36" width="16" height="20" rx="3" fill="hsl(${hue},45%,52%)" transform="rotate(${i * 45} 160 104)"/>`).join('')}`
    : shape === 1
      ? `<rect x="100" y="52" width="120" height="104" rx="14" fill="hsl(${hue},45%,60%)"/><rect x="120" y="36" width="80" height="22" rx="6" fill="hsl(${hue},40%,45%)"/><rect x="116" y="78" width="88" height="8" rx="4" fill="#f4f6f9" opacity=".7"/><rect x="116" y="98" width="88" height="8" rx="4" fill="#f4f6f9" opacity=".7"/>`
      : `<ellipse cx="160" cy="104" rx="84" ry="44" fill="hsl(${hue},45%,60%)"/><ellipse cx="160" cy="104" rx="40" ry="20" fill="#f4f6f9"/><rect x="60" y="98" width="200" height="12" rx="6" fill="hsl(${hue},40%,45%)" opacity=".8"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240" viewBox="0 0 320 240">
<rect width="320" height="240" fill="hsl(${hue},30%,94%)"/>
<g transform="rotate(${(view - 1) * 12} 160 104)">${body}</g>
<text x="160" y="206" font-family="DejaVu Sans Mono, monospace" font-size="20" text-anchor="middle" fill="#1d2733">${esc(partNo)}</text>
<text x="160" y="228" font-family="DejaVu Sans, sans-serif" font-size="12" text-anchor="middle" fill="#667386">PartsGraph · ${view}</text>
</svg>`;
}

export function registerImages(app: express.Express): void {
  app.get('/images/parts/:name', (req, res) => {
    const name = String(req.params.name);
    if (!SAFE.test(name)) return void res.status(404).end();
    res.set('cache-control', 'public, max-age=86400');
    res.type('image/svg+xml').send(partImageSvg(name));
  });
}
