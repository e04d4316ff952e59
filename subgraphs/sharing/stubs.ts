import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * Entities owned by the catalog that this subgraph points at or extends. Only the key (and what
 * this subgraph contributes) is declared here; the catalog resolves everything else.
 */
@Directive('@key(fields: "id")')
@ObjectType('Organization')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('DataResource')
export class DataResourceRef {
  @Field(() => ID)
  id!: string;
}

@ObjectType('ResourceSharing', { description: '本条目在其平台上的共享申请统计 / share requests for an entry on its platform [SHR-11]' })
export class ResourceSharing {
  @Field(() => Int, { description: '申请总数 / requests received' })
  requestCount!: number;

  @Field(() => Int, { description: '已授权 / granted' })
  grantedCount!: number;

  @Field(() => Int, { description: '待审核 / pending' })
  pendingCount!: number;
}
