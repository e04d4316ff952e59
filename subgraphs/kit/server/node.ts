import { Field, ID, InterfaceType } from 'type-graphql';
import { GLOBAL_ID_DESCRIPTION } from './foreign.js';

/**
 * Relay's object identification: the types a client may fetch again by global ID alone
 * (`Query.node`, which the gateway serves: gateway/node.ts). A subgraph's type declares
 * `implements: Node` and the gateway learns which subgraph answers for it (NODE_TYPES there).
 */
@InterfaceType('Node', {
  description:
    '可按全局ID重新获取的对象（Relay 对象识别，见 Query.node）/ an object that can be fetched again by its global ID alone (Relay object identification, see Query.node)',
})
export abstract class Node {
  @Field(() => ID, { description: GLOBAL_ID_DESCRIPTION })
  id!: string;
}
