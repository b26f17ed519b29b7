/** The answer of a `<list>Page` whose id filter is not an id: it matches nothing (as the array lists answer []). */
import type { PageResult } from '../../shared/src';

export const emptyPage = <T>(): PageResult<T> => ({ items: [], pageInfo: { endCursor: null, hasNextPage: false }, totalCount: 0 });
