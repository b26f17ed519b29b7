/** Key-only stub of procurement's PurchaseOrder, for the 一进一出 line that came from a direct purchase. */
import { entityStub } from '../../../shared/src';

export const PurchaseOrder = entityStub('PurchaseOrder');
export type PurchaseOrder = InstanceType<typeof PurchaseOrder>;
