/** Identity migrations, in order. Add new ones at the end; never edit one that has shipped. */
import { outboxMigration } from '../../../shared/src';
import { IdentityInitial1764600000000 } from './1764600000000-identity-initial';

export const migrations = [outboxMigration('identity', 1764599000000), IdentityInitial1764600000000];
