/**
 * `surplusOffered` (docs/internal-contracts.md): read-only, for the reorder
 * engine's networkSurplus — per part, what other stations' open surplus
 * listings still offer to the buying station.
 */
import type { Context } from '../../../shared/src';
import { surplusListingService } from './surplus-listing.service';

export const surplusOffered = (ctx: Context, input: { stationId?: unknown; partIds?: unknown }) => surplusListingService.offered(ctx, input);
