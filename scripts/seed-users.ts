/**
 * The demo data's people: one HQ administrator and, per station, a station
 * manager, a parts clerk and a purchaser — created exactly as
 * `npm run user -- create` creates anyone: with a one-time setup code and no
 * password. `npm start` prints the codes on the start that created them.
 */
import type { DataSource } from 'typeorm';
import { auditEntry, createDataSource, type Role } from '../subgraphs/shared/src';
import { createUserRecord } from '../subgraphs/identity/src/user/user.service';
import { identityAuditSink } from '../subgraphs/identity/src/audit/audit.repository';
import type { SeedStation } from '../seeds/dataset';

export interface DemoUser {
  username: string;
  roles: Role[];
  station: string | null;
  setupCode: string;
}

/** Creates one user with a setup code (and its audit entry) in its own transaction. */
export async function createUserWithCode(ds: DataSource, input: { username: string; displayName: string; roles: Role[]; stationId: string | null }, by: string): Promise<{ id: string; setupCode: string; setupExpiresAt: Date }> {
  return ds.transaction(async (tx) => {
    const { row, setupCode, setupExpiresAt } = await createUserRecord(tx, input);
    await identityAuditSink(tx, auditEntry('identity', { id: by, roles: [], stationId: null }, { operation: 'createUser', summary: `createUser ${JSON.stringify({ username: input.username, roles: input.roles, stationId: input.stationId })}` }), false);
    return { id: row.id, setupCode, setupExpiresAt };
  });
}

export async function seedDemoUsers(databaseUrl: string, stations: SeedStation[]): Promise<DemoUser[]> {
  const ds = createDataSource({ url: databaseUrl, schema: 'identity', entities: [], migrations: [], poolSize: 1 });
  await ds.initialize();
  try {
    const wanted: { username: string; displayName: string; roles: Role[]; stationId: string | null; station: string | null }[] = [
      { username: 'hq.admin', displayName: 'HQ 管理员', roles: ['HQ_ADMIN'], stationId: null, station: null },
    ];
    for (const s of stations) {
      const code = s.code.toLowerCase();
      wanted.push(
        { username: `manager.${code}`, displayName: `${s.name} 站长`, roles: ['STATION_MANAGER'], stationId: s.id, station: s.code },
        { username: `clerk.${code}`, displayName: `${s.name} 备件员`, roles: ['PARTS_CLERK'], stationId: s.id, station: s.code },
        { username: `buyer.${code}`, displayName: `${s.name} 采购员`, roles: ['PURCHASER'], stationId: s.id, station: s.code },
      );
    }
    const out: DemoUser[] = [];
    for (const w of wanted) {
      const { setupCode } = await createUserWithCode(ds, w, 'demo-seed');
      out.push({ username: w.username, roles: w.roles, station: w.station, setupCode });
    }
    return out;
  } finally {
    await ds.destroy();
  }
}
