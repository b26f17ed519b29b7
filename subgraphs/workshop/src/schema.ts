import { buildFederatedSchema } from '../../shared/src';
import { RepairOrderResolver } from './repair-order/repair-order.resolver';
import { repairOrderService } from './repair-order/repair-order.service';
import { PartsReturnResolver, RequisitionLineResolver, RequisitionResolver } from './requisition/requisition.resolver';
import { RepairOrderPartsResolver } from './requisition/repair-order-parts.resolver';
import { CounterSaleLineResolver, CounterSaleResolver } from './counter-sale/counter-sale.resolver';
import { LostSaleResolver } from './lost-sale/lost-sale.resolver';

export const buildWorkshopSchema = () =>
  buildFederatedSchema({
    resolvers: [RepairOrderResolver, RepairOrderPartsResolver, RequisitionResolver, RequisitionLineResolver, PartsReturnResolver, CounterSaleResolver, CounterSaleLineResolver, LostSaleResolver],
    references: {
      RepairOrder: (ref, ctx) => repairOrderService.byId(ctx, ref.id),
    },
  });
