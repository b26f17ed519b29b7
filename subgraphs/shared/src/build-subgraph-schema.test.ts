import 'reflect-metadata';
import { graphql } from 'graphql';
import { Arg, Authorized, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { buildFederatedSchema } from './build-subgraph-schema';

@ObjectType()
class Crate {
  @Field(() => ID) id: string;
  @Field() label: string;
  @Authorized('HQ_ADMIN') @Field() cost: number;
}

@Resolver(() => Crate)
class CrateResolver {
  @Query(() => Crate)
  crate(): Crate {
    return Object.assign(new Crate(), { id: 'c1', label: 'bolts', cost: 7 });
  }

  @FieldResolver(() => String)
  shout(@Root() c: Crate, @Arg('times', () => Int, { nullable: true }) times?: number | null): string {
    return `${c.label.toUpperCase()}${'!'.repeat(times ?? 1)}`;
  }

  @Authorized('HQ_ADMIN')
  @FieldResolver(() => String)
  audit(@Root() c: Crate): string {
    return `audit ${c.id}`;
  }
}

const clerk = { user: { id: 'u', roles: ['PARTS_CLERK'], stationId: 's' } };
const build = (directResolvers?: Parameters<typeof buildFederatedSchema>[0]['directResolvers']) =>
  buildFederatedSchema({ resolvers: [CrateResolver], directResolvers });

describe('buildFederatedSchema', () => {
  it('reads plain data fields with the default resolver and keeps type-graphql\'s where a field is authorised', async () => {
    const { schema } = await build();
    const fields = (schema.getType('Crate') as any).getFields();
    expect(fields.label.resolve).toBeUndefined();
    expect(fields.id.resolve).toBeUndefined();
    expect(fields.cost.resolve).toBeDefined();
    const r = await graphql({ schema, source: '{ crate { id label shout(times: 2) } }', contextValue: clerk });
    expect(r).toEqual({ data: { crate: { id: 'c1', label: 'bolts', shout: 'BOLTS!!' } } });
    // The authorised field is still checked.
    const refused = await graphql({ schema, source: '{ crate { label cost } }', contextValue: clerk });
    expect(refused.errors?.[0].extensions?.reason).toBe('HQ_ONLY');
  });

  it('resolves a field directly when told, with the arguments graphql passes', async () => {
    const { schema } = await build({ Crate: { shout: (c: Crate, args: { times?: number }) => `direct ${c.label} ${args.times ?? '-'}` } });
    const r = await graphql({ schema, source: '{ crate { a: shout(times: 3) b: shout } }', contextValue: clerk });
    expect(r).toEqual({ data: { crate: { a: 'direct bolts 3', b: 'direct bolts -' } } });
  });

  it('refuses to resolve directly a field that is authorised or is no field resolver', async () => {
    await expect(build({ Crate: { audit: () => 'x' } })).rejects.toThrow(/Crate\.audit .*authorised/);
    await expect(build({ Crate: { label: () => 'x' } })).rejects.toThrow(/Crate\.label .*not a @FieldResolver/);
    await expect(build({ Crate: { nothing: () => 'x' } })).rejects.toThrow(/no such field/);
  });
});
