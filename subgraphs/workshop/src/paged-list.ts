/**
 * What workshop's paged lists share beyond the page builder.
 *
 * The cursor of a list that became the first page of its `<list>Page`
 * (`counterSales`, `lostSales`): its `after` keeps taking the cursors it
 * handed out before — `[time as ISO text, id]`, the row's place in the
 * newest-first order — as well as the page builder's cursors of that default
 * order. An old cursor is read as the page builder's cursor of the same
 * position, so one keyset (page.ts) answers both.
 */
import { decodeCursor, isTimeIdCursor, type PageDefinitionHandle } from '../../shared/src';

/** The page builder's cursor for `after`: a page cursor unchanged; an old `[time, id]` cursor as the page cursor of that row in the default order. */
export function pageAfter(page: PageDefinitionHandle<any>, after: string | null | undefined): string | null {
  if (!after) return null;
  let legacy: [string, string] | undefined;
  try {
    legacy = decodeCursor(after, isTimeIdCursor);
  } catch {
    return after; // not an old cursor: the page builder checks it (and refuses what is no cursor at all)
  }
  if (!legacy || Number.isNaN(Date.parse(legacy[0]))) return after;
  return page.cursorAt([legacy[0], legacy[1]]);
}

/** A default-order page cursor for a row that did not come from a page (a sale just made, one read by id). */
export const defaultOrderCursor = (page: PageDefinitionHandle<any>, at: Date | string, id: string): string =>
  page.cursorAt([new Date(at).toISOString(), id]);
