/**
 * `npm run token -- --role PURCHASER --station <stationId> [--sub alice] [--expires 1h]`
 * prints an access token signed with the platform's private key (the one
 * identity uses: AUTH_SIGNING_KEY, or DATA_DIR/identity-keys) — for scripts and
 * development; people sign in instead. Roles may repeat or be comma-separated.
 */
import { parseArgs } from 'node:util';
import { isRole, loadConfig, ROLES, type Role } from '../subgraphs/shared/src';
import { SigningKeys } from '../subgraphs/identity/src/key/signing-keys';

function seconds(text: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!m) throw new Error(`--expires must look like 900, 30m, 12h or 7d, got "${text}"`);
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      station: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.role?.length) {
    console.error(`usage: npm run token -- --role <${ROLES.join('|')}> [--role …] [--station <stationId>] [--sub <user>] [--expires 12h]`);
    process.exit(values.help ? 0 : 2);
  }
  const roles = values.role.flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase());
  const bad = roles.filter((r) => !isRole(r));
  if (bad.length) {
    console.error(`unknown role(s): ${bad.join(', ')}; use ${ROLES.join(', ')}`);
    process.exit(2);
  }
  if (!roles.includes('HQ_ADMIN') && !values.station) {
    console.error('station users need --station <stationId> (only HQ_ADMIN tokens have no station)');
    process.exit(2);
  }
  const config = loadConfig();
  const keys = new SigningKeys({ dataDir: config.dataDir, pem: config.auth.signingKey });
  await keys.load();
  const sub = values.sub ?? `${roles[0].toLowerCase()}${values.station ? '@' + values.station.slice(0, 8) : ''}`;
  process.stdout.write((await keys.sign({ sub, roles: roles as Role[], stationId: values.station }, seconds(values.expires!))) + '\n');
}

void main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
