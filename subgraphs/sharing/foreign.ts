import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import type { SubgraphContext } from '../kit/server/context.js';

/**
 * Entities the catalog owns, as this subgraph sees them (the one convention of every subgraph:
 * `<subgraph>/foreign.ts`, a `<Type>Ref` class with the catalog's GraphQL name and its
 * `__resolveReference` side by side). Only the key is declared; the catalog resolves the rest,
 * and what this subgraph contributes is a field resolver on the class (resource-sharing.resolver.ts).
 * Never tables here. Descriptions repeat the catalog's word for word, so composition has one text.
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

@Directive('@key(fields: "code")')
@ObjectType('Region', { description: '行政区划 / administrative division (GB/T 2260)' })
export class RegionRef {
  @Field({ description: '六位行政区划代码 / six-digit code, e.g. 331100' })
  code!: string;
}

export const foreignReferences = {
  /**
   * A resource can only have requests on the node hosting its region, so an ID that is malformed
   * or of another node's region resolves to null instead of reporting zero counts for data that
   * is not here.
   */
  DataResource: {
    __resolveReference(ref: { id: string }, ctx: SubgraphContext): DataResourceRef | null {
      const region = parseId(ref.id)?.region;
      return region && ctx.node.regions.includes(region) ? { id: ref.id } : null;
    },
  },
  Organization: {
    __resolveReference(ref: { id: string }): OrganizationRef {
      return { id: ref.id };
    },
  },
};
