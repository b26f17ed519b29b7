/**
 * VIN patterns: HQ names the vehicle model of a VIN prefix (WMI + VDS);
 * everybody resolves VINs — vehicleModelByVin and searchParts(vin:), which
 * then returns only parts that fit that model. A malformed VIN is
 * BAD_USER_INPUT with reason INVALID_VIN (params: vin, problem).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ErrorCode, refusal, type Context, rowById } from '../../../shared/src';
import { normaliseVin, pickVinPattern, vinPrefixes, vinPrefixProblem, vinProblem, vinCheckDigit } from '../domain/vin';
import { vinPatternRepository, type VinPatternRow } from './vin-pattern.repository';
import { VinPattern } from './vin-pattern.type';

const toType = (r: VinPatternRow): VinPattern => Object.assign(new VinPattern(), r);

/** A VIN as stored and compared, or INVALID_VIN. */
export function checkedVin(raw: string): string {
  const vin = normaliseVin(raw);
  const problem = vinProblem(vin);
  if (!problem) return vin;
  const detail = problem === 'length' ? `it has ${vin.length} characters, a VIN has 17`
    : problem === 'characters' ? 'a VIN has digits and capital letters only, without I, O and Q'
      : `position 9 should be the check digit ${vinCheckDigit(vin)}`;
  throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_VIN', `${vin.slice(0, 40)} is not a valid VIN: ${detail}`, { vin: vin.slice(0, 40), problem, ...(problem === 'length' ? { length: vin.length } : {}) });
}

function checkYears(yearFrom: number | null | undefined, yearTo: number | null | undefined): void {
  for (const [field, y] of [['yearFrom', yearFrom], ['yearTo', yearTo]] as const) {
    if (y !== null && y !== undefined && (!Number.isInteger(y) || y < 1950 || y > 2100)) {
      throw refusal(ErrorCode.BAD_USER_INPUT, 'YEAR_OUT_OF_RANGE', `${field} must be a year from 1950 to 2100`, { field, value: y, min: 1950, max: 2100 });
    }
  }
  if (yearFrom != null && yearTo != null && yearTo < yearFrom) {
    throw refusal(ErrorCode.BAD_USER_INPUT, 'YEAR_RANGE_REVERSED', `yearTo ${yearTo} is before yearFrom ${yearFrom}`, { yearFrom, yearTo });
  }
}

export const vinPatternService = {
  async list(ctx: Context): Promise<VinPattern[]> {
    return (await vinPatternRepository.list(ctx.db)).map(toType);
  },

  /** The model id a VIN's pattern names, or null (no pattern matches); INVALID_VIN when malformed. One statement. */
  async modelIdOf(ctx: Context, raw: string, now: Date = new Date()): Promise<string | null> {
    const vin = checkedVin(raw);
    const patterns = await vinPatternRepository.withPrefixIn(ctx.db, vinPrefixes(vin));
    return pickVinPattern(vin, patterns, now.getUTCFullYear())?.vehicleModelId ?? null;
  },

  async create(ctx: Context, prefixRaw: string, vehicleModelId: string, yearFrom?: number | null, yearTo?: number | null): Promise<VinPattern> {
    const prefix = normaliseVin(prefixRaw);
    const problem = vinPrefixProblem(prefix);
    if (problem) throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_VIN_PATTERN', `${prefix.slice(0, 40)}: ${problem}`, { prefix: prefix.slice(0, 40), minLength: 3, maxLength: 8 });
    checkYears(yearFrom, yearTo);
    const row: VinPatternRow = { id: randomUUID(), prefix, vehicleModelId, yearFrom: yearFrom ?? null, yearTo: yearTo ?? null };
    await ctx.db.transaction(async (tx) => {
      await this.assertModel(tx, vehicleModelId);
      await this.assertUnique(tx, row);
      await vinPatternRepository.insert(tx, row);
    });
    return toType(row);
  },

  async update(ctx: Context, id: string, vehicleModelId: string, yearFrom?: number | null, yearTo?: number | null): Promise<VinPattern> {
    checkYears(yearFrom, yearTo);
    return ctx.db.transaction(async (tx) => {
      const found = await rowById(id, (id) => vinPatternRepository.byId(tx, id, true));
      if (!found) throw refusal(ErrorCode.NOT_FOUND, 'VIN_PATTERN_NOT_FOUND', `VIN pattern ${id} was not found`, { id });
      const row: VinPatternRow = { ...found, vehicleModelId, yearFrom: yearFrom ?? null, yearTo: yearTo ?? null };
      await this.assertModel(tx, vehicleModelId);
      await this.assertUnique(tx, row);
      await vinPatternRepository.update(tx, row);
      return toType(row);
    });
  },

  async delete(ctx: Context, id: string): Promise<boolean> {
    if (!(await rowById(id, (id) => vinPatternRepository.delete(ctx.db, id)))) throw refusal(ErrorCode.NOT_FOUND, 'VIN_PATTERN_NOT_FOUND', `VIN pattern ${id} was not found`, { id });
    return true;
  },

  async assertModel(tx: EntityManager, vehicleModelId: string): Promise<void> {
    if (!(await rowById(vehicleModelId, (id) => vinPatternRepository.modelExists(tx, id)))) {
      throw refusal(ErrorCode.NOT_FOUND, 'VEHICLE_MODEL_NOT_FOUND', `Vehicle model ${vehicleModelId} was not found`, { vehicleModelId });
    }
  },

  async assertUnique(tx: EntityManager, row: VinPatternRow): Promise<void> {
    if (await vinPatternRepository.same(tx, row)) {
      throw refusal(ErrorCode.CONFLICT, 'VIN_PATTERN_EXISTS', `A pattern for ${row.prefix} with these years already exists`, { prefix: row.prefix, yearFrom: row.yearFrom, yearTo: row.yearTo });
    }
  },
};
