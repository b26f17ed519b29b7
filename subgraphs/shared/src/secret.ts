/**
 * The JWT secret: AUTH_JWT_SECRET when set; otherwise the one generated into
 * DATA_DIR on first start (so `npm run token` and every process agree).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

export const SECRET_FILE = 'jwt-secret';

export function readSecret(config: Pick<Config, 'jwtSecret' | 'dataDir'>): string | undefined {
  if (config.jwtSecret) return config.jwtSecret;
  const file = path.join(config.dataDir, SECRET_FILE);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

export function ensureSecret(config: Pick<Config, 'jwtSecret' | 'dataDir'>): string {
  const existing = readSecret(config);
  if (existing) return existing;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(path.join(config.dataDir, SECRET_FILE), secret + '\n', { mode: 0o600 });
  return secret;
}

export function requireSecret(config: Pick<Config, 'jwtSecret' | 'dataDir'>): string {
  const s = readSecret(config);
  if (!s) throw new Error(`No JWT secret: set AUTH_JWT_SECRET or start the platform once so that ${path.join(config.dataDir, SECRET_FILE)} exists`);
  if (s.length < 32) throw new Error('AUTH_JWT_SECRET must be at least 32 characters');
  return s;
}
