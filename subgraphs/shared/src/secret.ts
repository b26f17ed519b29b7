/**
 * The internal service secret: it signs service tokens (subgraph → subgraph
 * internal endpoints, `aud: "partsgraph-internal"`) and nothing else — no
 * person token is ever accepted with it. AUTH_SERVICE_SECRET when set;
 * otherwise the one generated into DATA_DIR on first start, so every process
 * of one machine agrees.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

export const SECRET_FILE = 'service-secret';

type SecretConfig = Pick<Config, 'dataDir'> & { auth: Pick<Config['auth'], 'serviceSecret'> };

export function readSecret(config: SecretConfig): string | undefined {
  if (config.auth.serviceSecret) return config.auth.serviceSecret;
  const file = path.join(config.dataDir, SECRET_FILE);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

export function ensureSecret(config: SecretConfig): string {
  const existing = readSecret(config);
  if (existing) return existing;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  fs.writeFileSync(path.join(config.dataDir, SECRET_FILE), secret + '\n', { mode: 0o600 });
  return secret;
}

export function requireSecret(config: SecretConfig): string {
  const s = readSecret(config);
  if (!s) throw new Error(`No service secret: set AUTH_SERVICE_SECRET or start the platform once so that ${path.join(config.dataDir, SECRET_FILE)} exists`);
  if (s.length < 32) throw new Error('AUTH_SERVICE_SECRET must be at least 32 characters');
  return s;
}
