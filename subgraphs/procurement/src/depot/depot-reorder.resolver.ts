/**
 * Reorder recommendations whose supplier is HQ's depot show what the depot can
 * ship now and when it expects more (its lead time is the recommendation's
 * leadTimeDays). One stock call and one statement per request, whatever the
 * number of recommendations.
 */
import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { byKey, type Context } from '../../../shared/src';
import { ReorderRecommendation } from '../reorder/reorder.type';
import { depotRepository } from './depot.repository';
import { depotAvailable } from './depot.service';

interface DepotView { key: string; available: number; nextArrival: Date | null }

/** The depot's figures for (supplier, part) pairs of depot suppliers; other suppliers are absent. */
const depotViewLoader = (ctx: Context) =>
  byKey<string, DepotView>(ctx, 'depotReorderView', async (keys) => {
    const pairs = keys.map((k) => k.split(':')).filter((p) => p.length === 2);
    const depots = await depotRepository.depotSuppliers(ctx.db, [...new Set(pairs.map((p) => p[0]))]);
    const out: DepotView[] = [];
    for (const d of depots) {
      const parts = pairs.filter((p) => p[0] === d.id).map((p) => p[1]);
      const actor = { id: ctx.user.id, roles: ctx.user.roles, stationId: null };
      const [available, next] = await Promise.all([depotAvailable(ctx.runtime, actor, d.depot_station_id, parts), depotRepository.nextArrivals(ctx.db, d.depot_station_id, parts, ctx.now())]);
      for (const partId of parts) out.push({ key: `${d.id}:${partId}`, available: Math.max(0, available.get(partId) ?? 0), nextArrival: next.get(partId) ?? null });
    }
    return out;
  }, (v) => v.key);

@Resolver(() => ReorderRecommendation)
export class DepotReorderResolver {
  @FieldResolver(() => Float, { nullable: true, description: 'When the supplier is HQ\'s depot: what it can ship of the part now (null for other suppliers).' })
  async depotAvailable(@Root() r: ReorderRecommendation, @Ctx() ctx: Context): Promise<number | null> {
    if (!r.supplierId) return null;
    return (await depotViewLoader(ctx).load(`${r.supplierId}:${r.partId}`))?.available ?? null;
  }

  @FieldResolver(() => Date, { nullable: true, description: 'When the supplier is HQ\'s depot: the depot\'s next arrival of the part, if one is on its way.' })
  async depotNextArrival(@Root() r: ReorderRecommendation, @Ctx() ctx: Context): Promise<Date | null> {
    if (!r.supplierId) return null;
    return (await depotViewLoader(ctx).load(`${r.supplierId}:${r.partId}`))?.nextArrival ?? null;
  }
}
