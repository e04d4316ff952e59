import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Entities the catalog owns, as this subgraph sees them (the one convention of every subgraph:
 * `<subgraph>/foreign.ts`, a `<Type>Ref` class with the catalog's GraphQL name and its
 * `__resolveReference` side by side). Only the key is declared; the catalog resolves the rest and
 * decides who sees it, and what this subgraph contributes is a field resolver on the class
 * (resource.resolver.ts). Never tables here. Descriptions repeat the catalog's word for word, so
 * composition has one text.
 */
@Directive('@key(fields: "id")')
@ObjectType('DataResource', { description: '数据资源目录条目 / a catalog entry (信息资源) [B §17, Z §10]' })
export class DataResourceRef {
  @Field(() => ID, { description: '全局ID（内含所属区域）/ global ID (owner region inside)' })
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: '机构：政府部门、公共服务运营单位或企业 / an organization: agency, public-service operator or enterprise' })
export class OrganizationRef {
  @Field(() => ID, { description: '全局ID（内含所属区域）/ global ID (owner region inside)' })
  id!: string;
}

/** Any key resolves to its stub: `openDataset` checks its own visibility. */
export const foreignReferences = {
  DataResource: {
    __resolveReference(ref: { id: string }): DataResourceRef {
      return { id: ref.id };
    },
  },
  Organization: {
    __resolveReference(ref: { id: string }): OrganizationRef {
      return { id: ref.id };
    },
  },
};
