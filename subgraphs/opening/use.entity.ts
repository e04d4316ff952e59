import { Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { OpenAccessMethodEnum, type OpenAccessMethod } from './enums.js';
import { Owned } from '../kit/server/owned.js';

/**
 * One use of restricted open data under its agreement [OPN-7, Z §28, Z §34 (四)]: what the data
 * plane served, recorded beside the agreement on the dataset's node. The data plane writes these
 * through the internal route `open-data-uses` (use.route.ts), never a client; the holder, dataset
 * and provider are copied from the agreement so that who sees a record is settled on its row.
 */
@Entity({ tableName: 'open_data_use' })
@ObjectType('OpenDataUse', {
  description:
    '受限开放数据的一次利用记录（由数据服务写入）：依据的协议、方式、操作和返回的行数；开放主体、监管其区域的部门和持有人本人可见 / one use of restricted open data, recorded by the data plane: the agreement it rests on, the method, the operation and the rows returned; seen by the opening agency, those overseeing the region and the holder itself [OPN-7, Z §28, Z §34 (四)]',
})
export class OpenDataUse extends Owned {
  @Property({ type: 'text' })
  agreementId!: string;

  @Property({ type: 'text' })
  datasetId!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  @Field(() => ID, { description: '持有人（利用主体）账号 / the holder’s user account' })
  holderAccount!: string;

  @Property({ type: 'text' })
  @Field(() => OpenAccessMethodEnum, {
    description: '利用方式：接口调用或算法模型（受限开放数据不得下载）/ the method: API or MODEL (restricted data is never downloaded) [Z §20]',
  })
  method!: OpenAccessMethod;

  @Property({ type: 'text' })
  @Field({ description: '所做的操作（数据服务给出的简短说明，如接口名或查询描述）/ what was done, as the data plane describes it: an operation name or a short query description' })
  operation!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '返回的数据行数 / rows returned' })
  rowsReturned!: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '利用发生的时间（数据服务报告）/ when the use happened, as the data plane reports it' })
  usedAt!: Date;
}

/** How much a dataset's restricted data was used by one method [Z §28]. */
@ObjectType('OpenDataUseCount', { description: '按利用方式统计的利用次数和返回行数 / uses and rows returned, per method [OPN-7, Z §28]' })
export class OpenDataUseCount {
  @Field(() => OpenAccessMethodEnum, { description: '利用方式 / the method' })
  method!: OpenAccessMethod;

  @Field(() => Int, { description: '利用次数 / number of uses recorded' })
  uses!: number;

  @Field(() => Int, { description: '返回的数据行数合计 / rows returned in all' })
  rowsReturned!: number;
}
