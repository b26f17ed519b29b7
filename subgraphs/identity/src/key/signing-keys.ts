/**
 * The platform's signing keys — identity is the only process that holds them.
 *
 * Where they come from: AUTH_SIGNING_KEY (a PKCS#8 PEM, Ed25519 or P-256) when
 * set; otherwise the directory DATA_DIR/identity-keys/, one `<UTC time>.pem`
 * per key (mode 0600, directory 0700). On first start the directory is empty
 * and an Ed25519 key is generated into it.
 *
 * Rotation: a new file (`npm run user -- rotate-key`) is the newest and signs
 * from the next reload (every minute, and at start); every key in the
 * directory stays in the JWKS so tokens it signed keep verifying until they
 * expire (≤ 15 minutes); delete the old file after that. Verifiers fetch the
 * JWKS again when they meet an unknown `kid`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { PLATFORM_ALGORITHMS, personJwt, type TokenClaims } from '../../../shared/src';

export const KEY_DIR = 'identity-keys';

export interface SigningKey {
  kid: string;
  alg: 'EdDSA' | 'ES256';
  privateKey: KeyObject;
  publicJwk: JWK;
}

async function fromPem(pem: string): Promise<SigningKey> {
  const privateKey = createPrivateKey(pem);
  const type = privateKey.asymmetricKeyType;
  const curve = privateKey.asymmetricKeyDetails?.namedCurve;
  const alg = type === 'ed25519' ? 'EdDSA' : type === 'ec' && curve === 'prime256v1' ? 'ES256' : undefined;
  if (!alg || !PLATFORM_ALGORITHMS.includes(alg)) throw new Error(`A signing key must be Ed25519 or P-256 (got ${type}${curve ? ' ' + curve : ''})`);
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, alg, privateKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}

/** Writes a new Ed25519 key into `dir`; returns its file. */
export function generateKeyFile(dir: string, now = new Date()): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const file = path.join(dir, `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.pem`);
  fs.writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  return file;
}

export class SigningKeys {
  private keys: SigningKey[] = [];

  constructor(private readonly o: { dataDir: string; pem?: string }) {}

  get dir(): string {
    return path.join(this.o.dataDir, KEY_DIR);
  }

  /** (Re)reads the keys; generates the first one when there is none. */
  async load(): Promise<void> {
    if (this.o.pem) {
      this.keys = [await fromPem(this.o.pem)];
      return;
    }
    const list = () => (fs.existsSync(this.dir) ? fs.readdirSync(this.dir).filter((f) => f.endsWith('.pem')).sort() : []);
    if (!list().length) {
      try {
        generateKeyFile(this.dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another replica made it in the same second
      }
    }
    const keys: SigningKey[] = [];
    for (const f of list()) keys.push(await fromPem(fs.readFileSync(path.join(this.dir, f), 'utf8')));
    this.keys = keys.reverse(); // newest first
  }

  /** The key that signs: the newest. */
  get current(): SigningKey {
    if (!this.keys.length) throw new Error('No signing key loaded');
    return this.keys[0];
  }

  /** Every public key, for /.well-known/jwks.json. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => k.publicJwk) };
  }

  /** A person's access token: the platform's claims, `iss: "partsgraph"`, signed with the current key. */
  sign(claims: TokenClaims, ttlSeconds: number): Promise<string> {
    const k = this.current;
    return personJwt(claims).setProtectedHeader({ alg: k.alg, kid: k.kid, typ: 'JWT' }).setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds).sign(k.privateKey);
  }
}
