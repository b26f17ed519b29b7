/** What an id that is not a UUID means: no row, the record's own NOT_FOUND, or INVALID_VALUE naming the field. */
import { idInput, idListInput, idOrRefuse, matchesNothing, rowById, rowOrRefuse } from './ids';

const ID = '0b7e5f6a-3c1d-4e2f-9a8b-7c6d5e4f3a21';
const PART = { reason: 'PART_NOT_FOUND', what: 'Part', param: 'partId' } as const;

describe('ids', () => {
  it('never hands a non-UUID to a lookup: it names no row', async () => {
    const load = jest.fn(async (id: string) => ({ id }));
    expect(await rowById(ID, load)).toEqual({ id: ID });
    expect(await rowById('abc', load)).toBeNull();
    expect(await rowById(undefined, load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
    expect(await rowById(ID, async () => undefined)).toBeNull();
  });

  it('refuses an id that names nothing and one that is no UUID alike, with the record\'s reason and param', async () => {
    const refused = { extensions: { code: 'NOT_FOUND', reason: 'PART_NOT_FOUND', params: { partId: 'abc' } }, message: 'Part abc was not found' };
    await expect(rowOrRefuse('abc', async () => ({}), PART)).rejects.toMatchObject(refused);
    await expect(rowOrRefuse(ID, async () => null, PART)).rejects.toMatchObject({ extensions: { reason: 'PART_NOT_FOUND', params: { partId: ID } } });
    await expect(rowOrRefuse(ID, async (id) => ({ id }), PART)).resolves.toEqual({ id: ID });
    expect(() => idOrRefuse('abc', PART)).toThrow(expect.objectContaining(refused));
    expect(() => idOrRefuse('x', { reason: 'STOCKTAKE_NOT_FOUND', what: 'Stocktake' })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ params: { id: 'x' } }) }));
    expect(idOrRefuse(ID, PART)).toBe(ID);
  });

  it('says a list filtered by an id that is set and no UUID matches nothing; unset filters match all', () => {
    expect(matchesNothing(ID, null, undefined)).toBe(false);
    expect(matchesNothing(ID, '')).toBe(true);
    expect(matchesNothing(ID, 'abc')).toBe(true);
    expect(matchesNothing()).toBe(false);
  });

  it('refuses an id input that is no UUID as INVALID_VALUE naming the field', () => {
    expect(idInput(ID, 'partId')).toBe(ID);
    expect(() => idInput('abc', 'partId')).toThrow(expect.objectContaining({ message: 'partId must be an id', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', params: { field: 'partId' } }) }));
    expect(() => idInput(null, 'lines.2.partId', 'partId must be an id', { line: 2 })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ params: { field: 'lines.2.partId', line: 2 } }) }));
  });

  it('refuses a list of ids with one that is no UUID (or no list, or empty where it must not be) as INVALID_VALUE naming the field', () => {
    expect(idListInput([ID], 'partIds', 'partIds must be ids')).toEqual([ID]);
    expect(idListInput([], 'partIds', 'partIds must be ids')).toEqual([]);
    const refused = expect.objectContaining({ message: 'partIds must be ids', extensions: expect.objectContaining({ reason: 'INVALID_VALUE', params: { field: 'partIds' } }) });
    for (const bad of [[ID, 'abc'], 'abc', null, [null]]) expect(() => idListInput(bad, 'partIds', 'partIds must be ids')).toThrow(refused);
    expect(() => idListInput([], 'partIds', 'partIds must be ids', { nonEmpty: true })).toThrow(refused);
  });
});
