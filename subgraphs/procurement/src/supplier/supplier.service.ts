/** Suppliers (供应商): the network-wide list, and creating one. */
import { randomUUID } from 'node:crypto';
import { type Context, byId } from '../../../shared/src';
import { Supplier, SupplierInput } from './supplier.type';
import { ref, Station } from '../stub/entity-stubs';

const toSupplier = (r: any): Supplier => Object.assign(new Supplier(), { id: r.id, code: r.code, name: r.name, leadTimeDays: r.lead_time_days, depot: ref(Station, r.depot_station_id) });

/** The refusal of a supplier id that names no supplier (or is no id). */
export const UNKNOWN_SUPPLIER = { reason: 'SUPPLIER_NOT_FOUND', what: 'Supplier', param: 'supplierId' } as const;

export const supplierLoader = (ctx: Context) =>
  byId<Supplier>(ctx, 'supplier', async (ids) =>
    (await ctx.db.query(`SELECT * FROM procurement.supplier WHERE id = ANY($1::uuid[])`, [ids])).map(toSupplier), (s) => s.id);

export const supplierService = {
  async list(ctx: Context): Promise<Supplier[]> {
    return (await ctx.db.query(`SELECT * FROM procurement.supplier ORDER BY code`)).map(toSupplier);
  },
  /** Suppliers are shared by the network; purchasers may add the local ones they buy from. A taken code is CONFLICT. */
  async create(ctx: Context, input: SupplierInput): Promise<Supplier> {
    // In a transaction: the audit entry is appended to the transaction that made the change (shared/src/audit.ts).
    const [row] = await ctx.db.transaction((tx) =>
      tx.query(`INSERT INTO procurement.supplier (id, code, name, lead_time_days) VALUES ($1, $2, $3, $4) RETURNING *`,
        [randomUUID(), input.code.trim(), input.name.trim(), input.leadTimeDays]));
    return toSupplier(row);
  },
};
