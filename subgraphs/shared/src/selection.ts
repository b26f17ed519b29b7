/**
 * Which fields of a resolver's result the request asked for: a resolver may
 * skip work that only an unselected field needs (searchParts counts its
 * matches only for `estimatedTotal`). Inline fragments and named fragments are
 * followed; a fragment the document does not define counts as selecting
 * everything, so the answer errs on the side of doing the work.
 */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** True when any of `names` is selected on the field being resolved (directly or through fragments). */
export function selectsAny(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, names: readonly string[]): boolean {
  const wanted = new Set(names);
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD && wanted.has(s.name.value)) return true;
      if (s.kind === Kind.INLINE_FRAGMENT && visit(s.selectionSet)) return true;
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const name = s.name.value;
        if (seen.has(name)) continue;
        seen.add(name);
        const fragment = info.fragments[name];
        if (!fragment || visit(fragment.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => visit(node.selectionSet));
}
