/**
 * Key-only stubs of entities other subgraphs own that counter and lost sales
 * point at (catalog: Part; stock: BinLocation; procurement: Shortage). Station
 * comes from repair-order.type.ts. Workshop modules share these classes: two
 * classes of one GraphQL type name break the schema build.
 */
import { entityStub, ref } from '../../../shared/src';

export const Part = entityStub('Part');
export type Part = InstanceType<typeof Part>;
export const BinLocation = entityStub('BinLocation');
export type BinLocation = InstanceType<typeof BinLocation>;
export const Shortage = entityStub('Shortage');
export type Shortage = InstanceType<typeof Shortage>;

export { ref };
