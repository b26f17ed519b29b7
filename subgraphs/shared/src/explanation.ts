/**
 * `ExplanationItem { reason, params }` (API.md, "Additions"): one step of an
 * explanation a client translates — the reorder engine's `explanationItems`
 * (procurement) and a surplus candidate's `reasons` (stock). One GraphQL
 * type, shareable, so both subgraphs answer it with the same shape; the
 * console's texts per reason are in console/src/locales/explanations.ts.
 */
import { Directive, Field, ObjectType } from 'type-graphql';
import { JSONObjectResolver } from 'graphql-scalars';

export type ExplanationParams = Record<string, string | number | boolean | null>;

@ObjectType({ description: 'One step of an explanation, for a client to translate: a stable reason and the values its text needs.' })
@Directive('@shareable')
export class ExplanationItem {
  @Field({ description: 'A stable UPPER_SNAKE name (REORDER_… and REORDER_STAT_… for reorder recommendations, the statistics a client folds away; SURPLUS_… for surplus candidates).' }) reason: string;
  @Field(() => JSONObjectResolver, { description: 'The values the reason\'s text needs: plain numbers (rounded) and short codes.' }) params: ExplanationParams;
}
