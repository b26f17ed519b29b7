import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { Supplier } from './supplier.type';
import { SupplierEntity } from './supplier.entity';

@Resolver(() => Supplier)
export class SupplierResolver {
  @Query(() => [Supplier])
  suppliers(@Ctx() ctx: Context): Promise<Supplier[]> {
    return ctx.db.getRepository(SupplierEntity).find({ order: { code: 'ASC' } });
  }
}
