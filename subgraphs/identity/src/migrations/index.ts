/** Identity migrations, in order. Add new ones at the end; never edit one that has shipped. */
import { outboxMigration } from '../../../shared/src';
import { IdentityInitial1764600000000 } from './1764600000000-identity-initial';
import { IdentityListIndexes1765500000000 } from './1765500000000-identity-list-indexes';

export const migrations = [outboxMigration('identity', 1764599000000), IdentityInitial1764600000000, IdentityListIndexes1765500000000];
