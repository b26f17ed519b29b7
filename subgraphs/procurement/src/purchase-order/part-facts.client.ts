/** What procurement needs to know about parts: the catalog's `partFacts`, unknown parts refused (shared client). */
export { requirePartFacts, type PartFacts as PartFact } from '../../../shared/src';
