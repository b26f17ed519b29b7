/** One-time setup codes (pure): 16 characters of an unambiguous alphabet (80 bits), shown in groups of four. */
import { createHash, randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const SETUP_CODE_TTL_MS = 72 * 3600_000;

export function newSetupCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** What is stored: the code is random enough that a fast hash is enough; case, spaces and dashes do not matter. */
export function setupCodeHash(code: string): string {
  return createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');
}

/** Refresh tokens: 256 random bits, stored as their SHA-256. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
