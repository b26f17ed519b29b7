/** Vehicle models (车型): listed for everyone, created by HQ. */
import { randomUUID } from 'node:crypto';
import { badInput, conflict, type Context } from '../../../shared/src';
import { VehicleModelEntity } from './vehicle-model.entity';
import type { VehicleModelInput } from './vehicle-model.type';

export const vehicleModelService = {
  list(ctx: Context, series?: string | null): Promise<VehicleModelEntity[]> {
    return ctx.db.getRepository(VehicleModelEntity).find({ where: series ? { series } : {}, order: { series: 'ASC', name: 'ASC' } });
  },

  /** HQ only (@Authorized on the resolver); codes are unique. New model names are known to search within a second (vocabulary cache). */
  async create(ctx: Context, input: VehicleModelInput): Promise<VehicleModelEntity> {
    if (input.yearFrom && input.yearTo && input.yearTo < input.yearFrom) throw badInput('YEARS_REVERSED', 'yearTo is before yearFrom', { field: 'yearTo' });
    return ctx.db.transaction(async (tx) => {
      const repo = tx.getRepository(VehicleModelEntity);
      if (await repo.findOneBy({ code: input.code.trim() })) throw conflict('VEHICLE_MODEL_CODE_TAKEN', `Vehicle model code ${input.code} already exists`, { field: 'code', code: input.code });
      const m = repo.create({ id: randomUUID(), code: input.code.trim(), series: input.series.trim(), name: input.name.trim(), nameEn: input.nameEn?.trim() || null, yearFrom: input.yearFrom ?? null, yearTo: input.yearTo ?? null });
      await repo.insert(m);
      return m;
    });
  },
};
