import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Entities the catalog owns, as this subgraph sees them (the one convention of every subgraph:
 * `<subgraph>/foreign.ts`, a `<Type>Ref` class with the catalog's GraphQL name and its
 * `__resolveReference` side by side). Only the key is declared; the catalog is the registry of
 * organizations, and this subgraph contributes `operator` (organization.resolver.ts). Never a
 * table here. The description repeats the catalog's word for word, so composition has one text.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: '机构：政府部门、公共服务运营单位或企业 / an organization: agency, public-service operator or enterprise' })
export class OrganizationRef {
  @Field(() => ID, { description: '全局ID（内含所属区域）/ global ID (owner region inside)' })
  id!: string;
}

/** Any key resolves to its stub: `operator` checks its own visibility. */
export const foreignReferences = {
  Organization: {
    __resolveReference(ref: { id: string }): OrganizationRef {
      return { id: ref.id };
    },
  },
};
