/**
 * Key-only stubs of entities other subgraphs own (catalog: Part; stock:
 * Station, Warehouse, BinLocation; workshop: RepairOrder). Procurement only
 * references them, so the key is not resolvable here: the gateway asks the
 * owner — except Part, which procurement extends with `openShortages`.
 */
import { entityStub, ref } from '../../../shared/src';

export const Part = entityStub('Part', { resolvable: true });
export type Part = InstanceType<typeof Part>;
export const Station = entityStub('Station');
export type Station = InstanceType<typeof Station>;
export const Warehouse = entityStub('Warehouse');
export type Warehouse = InstanceType<typeof Warehouse>;
export const BinLocation = entityStub('BinLocation');
export type BinLocation = InstanceType<typeof BinLocation>;
export const RepairOrder = entityStub('RepairOrder');
export type RepairOrder = InstanceType<typeof RepairOrder>;

export { ref };
