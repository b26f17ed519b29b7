/**
 * Part numbers (配件编号) are unique after normalisation: case, spaces,
 * dashes, underscores, dots and slashes do not count ("a11-1109111" is
 * "A11 1109111" is "A111109111"). The catalog's uniqueness, imports and the
 * demo data all compare through this one function. Pure.
 */
export function normalisePartNo(partNo: string): string {
  return partNo.toUpperCase().replace(/[\s\-_./]+/g, '');
}
