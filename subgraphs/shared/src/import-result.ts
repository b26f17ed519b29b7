/**
 * What a bulk import answers (catalog's importParts, procurement's
 * importSupplierOffers): counts, and one error per refused row. A row is
 * refused like a whole call would be — by a DomainError — so each error
 * carries the refusal's `reason` and `params` (API.md, "Refusals a person can
 * read") beside the English message, and a client translates it.
 */
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { JSONObjectResolver } from 'graphql-scalars';
import { DomainError, fromDatabaseError, type RefusalParams } from './errors';

@ObjectType({ description: 'One refused row of an import: its 1-based position, the refusal\'s reason and params, and an English message.' })
@Directive('@shareable')
export class ImportRowError {
  @Field(() => Int, { description: '1-based position in `rows`.' }) row: number;
  @Field(() => String, { nullable: true }) partNo: string | null;
  @Field() message: string;
  @Field({ description: 'The refusal\'s reason (the list in the README), as a whole call would be refused.' }) reason: string;
  @Field(() => JSONObjectResolver, { description: 'What the reason\'s text needs (field, fields, row, …).' }) params: RefusalParams;
}

@ObjectType({ description: 'What an import did: created and updated counts, unchanged rows, and one error per refused row.' })
@Directive('@shareable')
export class ImportResult {
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => [ImportRowError]) errors: ImportRowError[];
}

export const emptyImportResult = (): ImportResult => ({ created: 0, updated: 0, unchanged: 0, errors: [] });

/** Records row `row`'s refusal in the result (`params` and `prefix` add what the refusal alone does not say). */
export function refuseRow(result: ImportResult, row: number, partNo: string | null, err: DomainError, params: RefusalParams = {}, prefix = ''): void {
  result.errors.push({ row, partNo, message: prefix + err.message, reason: err.reason, params: { row, ...(partNo ? { partNo } : {}), ...err.params, ...params } });
}

/** A row's failure as its refusal (a refusal, or a database error that has one); anything else is not the row's fault and fails the call. */
export function rowRefusal(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const db = fromDatabaseError(err);
  if (db) return db;
  throw err;
}
