/**
 * Every `extensions.reason` a client can meet, with what it means. The README's
 * reasons list and the console's translations are checked against this table:
 * a reason thrown anywhere must be listed here (one line each, kept sorted).
 */
export const REASONS: Record<string, string> = {
  INVALID_CURSOR: 'The `after` cursor is not one this list gave out, or it was made for another sort order; params.field names it.',
  INVALID_VALUE: 'A value has the wrong form for its type (a Decimal that is no decimal, a DateTime that is no date, a string with a NUL character); params.variable or params.field names it.',
  INVALID_VIN: 'A VIN is not 17 characters, has characters a VIN cannot have (I, O, Q, punctuation) or a wrong check digit (position 9); params.vin, params.problem (length, characters or check digit).',
  INVALID_VIN_PATTERN: 'A VIN pattern prefix is not 3 to 8 VIN characters (the WMI and up to the whole VDS); params.prefix, params.minLength, params.maxLength.',
  SORT_FIELD_UNKNOWN: 'The list cannot be sorted by that field; params.field is what was asked, params.allowed the fields it can be sorted by.',
  VEHICLE_MODEL_NOT_FOUND: 'The vehicle model named does not exist; params.vehicleModelId.',
  VIN_NOT_RECOGNISED: 'No VIN pattern of HQ matches this (valid) VIN, so the parts that fit the car are not known; search without the VIN or ask HQ to add a pattern; params.vin.',
  VIN_PATTERN_EXISTS: 'A VIN pattern with the same prefix and model years exists already; params.prefix, params.yearFrom, params.yearTo.',
  VIN_PATTERN_NOT_FOUND: 'The VIN pattern does not exist (or was deleted); params.id.',
  YEAR_OUT_OF_RANGE: 'A model year is outside 1950–2100; params.field, params.value, params.min, params.max.',
  YEAR_RANGE_REVERSED: 'yearTo is before yearFrom; params.yearFrom, params.yearTo.',
};
