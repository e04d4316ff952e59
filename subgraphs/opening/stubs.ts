import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Entities the catalog owns, as this subgraph sees them: only the key (and, on `DataResource`, the
 * field this subgraph contributes, declared in resource.resolver.ts). The data itself stays in the
 * catalog; these are never tables here. Descriptions repeat the catalog's word for word, so
 * composition has one text to show.
 */
@Directive('@key(fields: "id")')
@ObjectType('DataResource', { description: '数据资源目录条目 / a catalog entry (信息资源) [B §17, Z §10]' })
export class DataResourceRef {
  @Field(() => ID, { description: '全局ID / global ID' })
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: '机构：政府部门、公共服务运营单位或企业 / an organization: agency, public-service operator or enterprise' })
export class OrganizationRef {
  @Field(() => ID, { description: '全局ID / global ID (owner region inside)' })
  id!: string;
}
