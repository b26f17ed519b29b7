import { In } from 'typeorm';
import { buildFederatedSchema, byKey, isUuid } from '../../shared/src';
import { SupplierResolver } from './supplier/supplier.resolver';
import { SupplierEntity } from './supplier/supplier.entity';

export const buildProcurementSchema = () =>
  buildFederatedSchema({
    resolvers: [SupplierResolver],
    references: {
      Supplier: (ref, ctx) =>
        byKey<string, SupplierEntity>(ctx, 'supplier', async (ids) => {
          const valid = ids.filter(isUuid);
          return valid.length ? ctx.db.getRepository(SupplierEntity).findBy({ id: In(valid) }) : [];
        }, (s) => s.id).load(ref.id),
    },
  });
