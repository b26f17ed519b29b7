import { Authorized, Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { Supplier, SupplierInput } from './supplier.type';
import { supplierService } from './supplier.service';

@Resolver(() => Supplier)
export class SupplierResolver {
  @Query(() => [Supplier])
  suppliers(@Ctx() ctx: Context): Promise<Supplier[]> {
    return supplierService.list(ctx);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => Supplier, { description: 'PURCHASER, STATION_MANAGER or HQ_ADMIN; the code must be unused.' })
  createSupplier(@Ctx() ctx: Context, @Arg('input', () => SupplierInput) input: SupplierInput): Promise<Supplier> {
    return supplierService.create(ctx, input);
  }
}
