import { buildFederatedSchema } from '../../shared/src';
import { RepairOrderResolver } from './repair-order/repair-order.resolver';
import { repairOrderService } from './repair-order/repair-order.service';

export const buildWorkshopSchema = () =>
  buildFederatedSchema({
    resolvers: [RepairOrderResolver],
    references: {
      RepairOrder: (ref, ctx) => repairOrderService.byId(ctx, ref.id),
    },
  });
