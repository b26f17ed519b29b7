/**
 * Key-only stubs of entities other subgraphs own that workshop points at
 * (catalog: Part; stock: BinLocation; procurement: Shortage, PurchaseOrder).
 * Station comes from repair-order.type.ts. Every workshop module uses these
 * classes: two classes of one GraphQL type name break the schema build.
 */
import { entityStub, ref, refById } from '../../shared/src';

export const Part = entityStub('Part');
export type Part = InstanceType<typeof Part>;
export const BinLocation = entityStub('BinLocation');
export type BinLocation = InstanceType<typeof BinLocation>;
export const Shortage = entityStub('Shortage');
export type Shortage = InstanceType<typeof Shortage>;
/** The purchase order of a 一进一出 line. */
export const PurchaseOrder = entityStub('PurchaseOrder');
export type PurchaseOrder = InstanceType<typeof PurchaseOrder>;
/** identity's User: who opened, requested, returned or sold, by name. */
export const User = entityStub('User');
export type User = InstanceType<typeof User>;
/** The person behind an actor id; null for script and service tokens (their id is no account). */
export const person = (id: string | null | undefined): User | null => refById(User, id);

export { ref };
