import { Field, Int, ObjectType } from 'type-graphql';

/** What this subgraph adds to a catalog entry: its share requests on the entry's platform. */
@ObjectType('ResourceSharing', { description: '本条目在其平台上的共享申请统计 / share requests for an entry on its platform [SHR-11]' })
export class ResourceSharing {
  @Field(() => Int, { description: '申请总数 / requests received' })
  requestCount!: number;

  @Field(() => Int, { description: '已授权 / granted' })
  grantedCount!: number;

  @Field(() => Int, { description: '待审核 / pending' })
  pendingCount!: number;
}
