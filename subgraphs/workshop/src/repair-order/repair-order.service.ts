/** Repair orders: reads scoped to the caller's station. */
import { assertStationAccess, isUuid, type Context } from '../../../shared/src';
import { RepairOrderEntity } from './repair-order.entity';
import { RepairOrder, RepairOrderStatus } from './repair-order.type';

export function toRepairOrder(e: RepairOrderEntity): RepairOrder {
  return Object.assign(new RepairOrder(), {
    id: e.id,
    number: e.number,
    station: { id: e.stationId },
    status: e.status as RepairOrderStatus,
    vin: e.vin,
    plate: e.plate,
    vehicleModel: e.vehicleModelId ? { id: e.vehicleModelId } : null,
    openedAt: e.openedAt,
  });
}

export const repairOrderService = {
  /** A repair order of the caller's station (HQ: any), or null. */
  async byId(ctx: Context, id: string): Promise<RepairOrder | null> {
    if (!isUuid(id)) return null;
    const e = await ctx.db.getRepository(RepairOrderEntity).findOneBy({ id });
    if (!e) return null;
    assertStationAccess(ctx, e.stationId);
    return toRepairOrder(e);
  },
};
