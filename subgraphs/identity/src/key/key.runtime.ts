/** The running identity's signing keys (loaded at start, re-read every minute). */
import type { SubgraphRuntime } from '../../../shared/src';
import { SigningKeys } from './signing-keys';

export function signingKeys(rt: SubgraphRuntime): SigningKeys {
  let k = rt.extras.signingKeys as SigningKeys | undefined;
  if (!k) {
    k = new SigningKeys({ dataDir: rt.config.dataDir, pem: rt.config.auth.signingKey });
    rt.extras.signingKeys = k;
  }
  return k;
}
