/**
 * People, from the command line (the first HQ administrator comes from here):
 *
 *   npm run user -- create --username li.ming --role HQ_ADMIN [--display-name 李明]
 *   npm run user -- create --username wang.fang --role STATION_MANAGER --station <stationId>
 *   npm run user -- reset --username wang.fang     # a new setup code; the old password stops working
 *   npm run user -- list
 *   npm run user -- rotate-key                     # a new signing key in DATA_DIR/identity-keys
 *
 * create and reset print a one-time setup code: the person signs in on the
 * console with it ("First sign-in") and chooses their password. Nobody else
 * ever chooses or sees it. The database is DATABASE_URL, or the embedded one
 * `npm start` runs (it must be running).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDataSource, isRole, loadConfig, ROLES, type Role } from '../subgraphs/shared/src';
import { userRepository } from '../subgraphs/identity/src/user/user.repository';
import { newSetupCode, setupCodeHash, SETUP_CODE_TTL_MS } from '../subgraphs/identity/src/domain/setup-code';
import { generateKeyFile, KEY_DIR } from '../subgraphs/identity/src/key/signing-keys';
import { createUserWithCode } from './seed-users';

const USAGE = `usage:
  npm run user -- create --username <name> --role <${ROLES.join('|')}> [--role …] [--station <stationId>] [--display-name <name>]
  npm run user -- reset --username <name>
  npm run user -- list
  npm run user -- rotate-key`;

function databaseUrl(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const pw = path.join(dataDir, 'pg-password');
  if (!fs.existsSync(pw)) throw new Error(`No DATABASE_URL and no embedded PostgreSQL under ${dataDir}: start the platform once (npm start) or set DATABASE_URL`);
  const port = Number(process.env.EMBEDDED_PG_PORT || 54320);
  return `postgres://postgres:${encodeURIComponent(fs.readFileSync(pw, 'utf8').trim())}@127.0.0.1:${port}/partsgraph`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string', multiple: true },
      station: { type: 'string' },
      'display-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig();
  if (command === 'rotate-key') {
    if (config.auth.signingKey) throw new Error('AUTH_SIGNING_KEY is set: rotate by giving identity a new key in that variable');
    const file = generateKeyFile(path.join(config.dataDir, KEY_DIR));
    console.log(`new signing key: ${file}\nidentity signs with it within a minute; the previous keys stay in the JWKS — delete their files after 15 minutes.`);
    return;
  }
  const ds = createDataSource({ url: databaseUrl(config.dataDir, config.databaseUrl), schema: 'identity', entities: [], migrations: [], poolSize: 1 });
  await ds.initialize();
  try {
    if (command === 'create') {
      const roles = (values.role ?? []).flatMap((r) => r.split(',')).map((r) => r.trim().toUpperCase());
      if (!values.username || !roles.length) throw new Error(USAGE);
      const bad = roles.filter((r) => !isRole(r));
      if (bad.length) throw new Error(`unknown role(s): ${bad.join(', ')}; use ${ROLES.join(', ')}`);
      if (roles.includes('HQ_ADMIN') && values.station) throw new Error('HQ administrators belong to no station: leave --station out');
      if (!roles.includes('HQ_ADMIN') && !values.station) throw new Error('station users need --station <stationId>');
      const { setupCode, setupExpiresAt } = await createUserWithCode(ds, { username: values.username, displayName: values['display-name'] ?? values.username, roles: roles as Role[], stationId: values.station ?? null }, 'npm run user');
      console.log(`created ${values.username} (${roles.join(', ')})\none-time setup code: ${setupCode}  (valid until ${setupExpiresAt.toISOString()})\nOn the console choose "First sign-in", enter the username, this code and a new password.`);
    } else if (command === 'reset') {
      if (!values.username) throw new Error(USAGE);
      const row = await userRepository.byUsername(ds, values.username);
      if (!row) throw new Error(`no user ${values.username}`);
      const code = newSetupCode();
      const until = new Date(Date.now() + SETUP_CODE_TTL_MS);
      await ds.transaction(async (tx) => {
        await userRepository.setSetupCode(tx, row.id, setupCodeHash(code), until);
        // Signed-in sessions end with the reset; processes learn it within seconds (their ended-sessions poll).
        await tx.query(`UPDATE identity.session SET ended_at = now(), end_reason = 'PASSWORD_RESET' WHERE user_id = $1 AND ended_at IS NULL`, [row.id]);
      });
      console.log(`reset ${row.username}\none-time setup code: ${code}  (valid until ${until.toISOString()})`);
    } else if (command === 'list') {
      for (const u of await userRepository.list(ds, null)) {
        console.log(`${u.username.padEnd(24)} ${u.roles.join(',').padEnd(28)} ${u.station_id ?? '(HQ)'}  ${u.active ? '' : 'deactivated '}${u.password_hash ? '' : 'awaiting setup'}`);
      }
    } else {
      throw new Error(USAGE);
    }
  } finally {
    await ds.destroy();
  }
}

void main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
