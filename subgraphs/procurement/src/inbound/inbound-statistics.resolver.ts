/**
 * Inbound statistics (入库统计 / 入库统计图): received quantity and value per
 * month, supplier and part category, from the goods receipts. The category is
 * the catalog's, recorded on the order line when the order was raised (from
 * `partFacts`), so statistics need no call to the catalog and keep the
 * category a part had when it was bought.
 */
import { Arg, Args, ArgsType, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver, FieldResolver, Root } from 'type-graphql';
import { badInput, DecimalScalar, definePage, PageArgs, pageType, scopeStation, type Bind, type Context } from '../../../shared/src';
import { ref, Station } from '../stub/entity-stubs';
import { formatMoney } from '../../../shared/src/money';
import { Supplier } from '../supplier/supplier.type';
import { supplierLoader } from '../supplier/supplier.service';

@ObjectType({ description: 'Goods received in one month from one supplier in one category (one bar of the 入库统计图).' })
export class InboundStatistic {
  @Field({ description: '"2026-03"' }) month: string;
  @Field(() => Station, { nullable: true, description: 'Null when the statistic spans all stations (HQ without stationId).' }) station: Station | null;
  @Field(() => String, { nullable: true, description: 'Null for parts whose category was not known when ordered.' }) category: string | null;
  @Field(() => Float, { description: 'Received (accepted + damaged).' }) received: number;
  @Field(() => Float) accepted: number;
  @Field(() => Float) damaged: number;
  @Field(() => DecimalScalar, { description: 'received × the order\'s unit price.' }) value: string;
  @Field(() => DecimalScalar, { description: 'accepted × unit price: what went into stock.' }) acceptedValue: string;
  @Field(() => Int, { description: 'Goods receipts contributing.' }) receipts: number;
  supplierId: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

interface InboundFilters {
  stationId?: string | null;
  fromMonth?: string | null;
  toMonth?: string | null;
  supplierId?: string | null;
}

/** The statistics' rows (one per month, supplier and category) for the station, months and supplier asked for. */
const grouped = (bind: Bind, f: InboundFilters) =>
  `SELECT to_char(date_trunc('month', g.received_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, o.supplier_id, pol.category,
          sum(l.received) AS received, sum(l.accepted) AS accepted, sum(l.damaged) AS damaged,
          sum(round(l.received * l.unit_price, 2)) AS value, sum(round(l.accepted * l.unit_price, 2)) AS accepted_value,
          count(DISTINCT g.id)::int AS receipts
     FROM procurement.goods_receipt_line l
     JOIN procurement.goods_receipt g ON g.id = l.goods_receipt_id
     JOIN procurement.purchase_order o ON o.id = g.purchase_order_id
     JOIN procurement.purchase_order_line pol ON pol.id = l.purchase_order_line_id
    WHERE (${bind(f.stationId ?? null)}::uuid IS NULL OR g.station_id = ${bind(f.stationId ?? null)}::uuid)
      AND (${bind(f.fromMonth ? `${f.fromMonth}-01` : null)}::date IS NULL OR g.received_at >= (${bind(f.fromMonth ? `${f.fromMonth}-01` : null)}::date::timestamp AT TIME ZONE 'UTC'))
      AND (${bind(f.toMonth ? `${f.toMonth}-01` : null)}::date IS NULL OR g.received_at < ((${bind(f.toMonth ? `${f.toMonth}-01` : null)}::date + interval '1 month')::timestamp AT TIME ZONE 'UTC'))
      AND (${bind(f.supplierId ?? null)}::uuid IS NULL OR o.supplier_id = ${bind(f.supplierId ?? null)}::uuid)
    GROUP BY 1, 2, 3`;

/** inboundStatisticsPage: oldest month first (default), or by value / received; ties by month, supplier and category. */
const inboundPage = definePage<InboundFilters>({
  name: 'inboundStatistics',
  from: (bind, f) => `(SELECT s.*, s.month || ':' || s.supplier_id::text || ':' || coalesce(s.category, '') AS key FROM (${grouped(bind, f)}) s)`,
  sorts: {
    month: { sql: 'q.month', type: 'text', direction: 'ASC' },
    value: { sql: 'q.value', type: 'numeric', direction: 'DESC' },
    received: { sql: 'q.received', type: 'numeric', direction: 'DESC' },
  },
  defaultSort: { field: 'month' },
  ids: ['stationId', 'supplierId'],
  id: { sql: 'q.key', type: 'text' },
});

function checkMonths(fromMonth?: string | null, toMonth?: string | null): void {
  for (const [k, v] of [['fromMonth', fromMonth], ['toMonth', toMonth]] as const) {
    if (v != null && !MONTH.test(v)) throw badInput('INVALID_MONTH', `${k} must look like 2026-03`, { field: k });
  }
}

const toStatistic = (station: string | null) => (r: any) => Object.assign(new InboundStatistic(), {
  month: r.month, station: ref(Station, station), category: r.category, supplierId: r.supplier_id,
  received: Number(r.received), accepted: Number(r.accepted), damaged: Number(r.damaged),
  value: formatMoney(r.value), acceptedValue: formatMoney(r.accepted_value), receipts: r.receipts,
});

@ArgsType()
class InboundStatisticsPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'HQ: one station (none: all); station users always get their own.' }) stationId?: string | null;
  @Field(() => String, { nullable: true, description: '"YYYY-MM", included.' }) fromMonth?: string | null;
  @Field(() => String, { nullable: true, description: '"YYYY-MM", included.' }) toMonth?: string | null;
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
}

export const InboundStatisticPage = pageType(InboundStatistic);

@Resolver(() => InboundStatistic)
export class InboundStatisticsResolver {
  @Query(() => [InboundStatistic], { description: '入库统计: per month, supplier and category, oldest month first. Months are UTC, "YYYY-MM", both ends included.' })
  async inboundStatistics(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null,
    @Arg('fromMonth', () => String, { nullable: true }) fromMonth?: string | null,
    @Arg('toMonth', () => String, { nullable: true }) toMonth?: string | null,
    @Arg('supplierId', () => ID, { nullable: true }) supplierId?: string | null,
  ): Promise<InboundStatistic[]> {
    const station = scopeStation(ctx, stationId);
    checkMonths(fromMonth, toMonth);
    const filters = { stationId: station, fromMonth, toMonth, supplierId: supplierId ?? null };
    const params: unknown[] = [];
    const rows = await ctx.db.query(`${grouped((v) => { params.push(v); return `$${params.length}`; }, filters)} ORDER BY 1, 2, 3`, params);
    return rows.map(toStatistic(station));
  }

  @Query(() => InboundStatisticPage, { description: 'The same rows as `inboundStatistics`, page by page (sort: month (default, oldest first), value, received); the Excel export of 入库统计 reads it.' })
  async inboundStatisticsPage(@Ctx() ctx: Context, @Args() a: InboundStatisticsPageArgs) {
    const station = scopeStation(ctx, a.stationId);
    checkMonths(a.fromMonth, a.toMonth);
    return inboundPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { stationId: station, fromMonth: a.fromMonth, toMonth: a.toMonth, supplierId: a.supplierId } }, toStatistic(station));
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() s: InboundStatistic, @Ctx() ctx: Context): Promise<Supplier | null> {
    return supplierLoader(ctx).load(s.supplierId);
  }
}
