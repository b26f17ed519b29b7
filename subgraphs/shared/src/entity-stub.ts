/**
 * Key-only stubs of entities another subgraph owns: `@key(fields: "id")` and
 * the id, nothing else. `resolvable: false` when this subgraph only points at
 * the entity (the gateway asks the owner); resolvable when it adds fields.
 * One GraphQL type name may have only one class per subgraph: declare each
 * stub once per subgraph and import it where needed.
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { isUuid } from './ids';

export interface EntityRef {
  id: string;
}

export function entityStub(typeName: string, opts: { resolvable?: boolean } = {}): new () => EntityRef {
  @ObjectType(typeName)
  @Directive(opts.resolvable ? '@key(fields: "id")' : '@key(fields: "id", resolvable: false)')
  class Stub implements EntityRef {
    @Field(() => ID) id: string;
  }
  return Stub;
}

/** An instance of a stub class for an id, or null for no id. */
export const ref = <T extends EntityRef>(cls: new () => T, id: string | null | undefined): T | null => {
  if (!id) return null;
  const o = new cls();
  o.id = id;
  return o;
};

/** `ref` only for an id that is a UUID: an actor id of a script or service token (or a station id of one) names no record. */
export const refById = <T extends EntityRef>(cls: new () => T, id: string | null | undefined): T | null => (isUuid(id) ? ref(cls, id) : null);
