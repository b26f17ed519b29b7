/** Per-request DataLoaders of the catalog: a page of parts costs a constant number of statements. */
import { In } from 'typeorm';
import { groupedByKey, isUuid, type Context, byId } from '../../../shared/src';
import { PartEntity } from './part.entity';
import { toPart, type Part } from './part.type';
import { VehicleModelEntity } from '../vehicle-model/vehicle-model.entity';

export const partLoader = (ctx: Context) =>
  byId<Part>(ctx, 'part', async (ids) => (await ctx.db.getRepository(PartEntity).findBy({ id: In(ids) })).map(toPart), (p) => p.id);

export const compatibleModelsLoader = (ctx: Context) =>
  groupedByKey<string, VehicleModelEntity & { partId: string }>(ctx, 'part.compatibleModels', async (partIds) =>
    ctx.db.query(
      `SELECT pm.part_id AS "partId", m.id, m.code, m.series, m.name, m.name_en AS "nameEn", m.year_from AS "yearFrom", m.year_to AS "yearTo"
         FROM catalog.part_model pm JOIN catalog.vehicle_model m ON m.id = pm.model_id
        WHERE pm.part_id = ANY($1::uuid[]) ORDER BY m.series, m.name`,
      [partIds.filter(isUuid)],
    ), (r) => r.partId);
