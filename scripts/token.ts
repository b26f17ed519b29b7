/**
 * `npm run token -- --role PURCHASER --station <stationId> [--sub alice] [--expires 12h]`
 * prints a token signed with the platform's secret (AUTH_JWT_SECRET, or the
 * one `npm start` generated under DATA_DIR). Roles may repeat or be comma-separated.
 */
import { parseArgs } from 'node:util';
import { isRole, loadConfig, requireSecret, signToken, ROLES, type Role } from '../subgraphs/shared/src';

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
  const secret = requireSecret(loadConfig());
  const sub = values.sub ?? `${roles[0].toLowerCase()}${values.station ? '@' + values.station.slice(0, 8) : ''}`;
  process.stdout.write((await signToken(secret, { sub, roles: roles as Role[], stationId: values.station }, values.expires)) + '\n');
}

void main().catch((err) => {
  console.error(err.message ?? err);
  process.exit(1);
});
