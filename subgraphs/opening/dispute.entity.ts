import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { OpenDisputeAttributeEnum, OpenDisputeKindEnum, OpenDisputeStatusEnum, type OpenDisputeAttribute, type OpenDisputeKind, type OpenDisputeStatus } from './enums.js';
import { Owned } from '../kit/server/owned.js';

/** An expert's opinion as the dispute keeps it (JSON: the date as an ISO string). */
export interface StoredExpertOpinion {
  expert: string;
  region: string;
  opinion: string;
  at: string;
}

@ObjectType('OpenDataExpertOpinion', { description: '专家委员会成员的意见 / an opinion of the expert committee [Z §5, Z §11-12]' })
export class OpenDataExpertOpinion {
  @Field({ description: '提出意见的专家（令牌主体）/ the expert (token subject)' })
  expert!: string;

  @Field({ description: '专家所属的行政区划 / the region the expert serves' })
  region!: string;

  @Field({ description: '意见 / the opinion' })
  opinion!: string;

  @Field({ description: '记录时间 / recorded at' })
  at!: Date;
}

/**
 * A dispute over which agency opens a catalog entry's data [Z §11 ¶2] or over its open attribute
 * [Z §12]. It lives on the node of the entry. The region's authority seeks the expert committee's
 * opinion and records the decision (which the people's government of that level takes, on its
 * report); the decision is recorded here, and the catalog entry is then revised through the
 * catalog's own review, which the dataset follows by its events.
 */
@Entity({ tableName: 'open_data_dispute' })
@ObjectType('OpenDataDispute', {
  description:
    '开放争议：开放主体或开放属性的争议，征求专家委员会意见后由数据主管部门记录决定 / a dispute over the opening agency or the open attribute: expert opinions are recorded and the data authority records the decision [Z §11-12]',
})
export class OpenDataDispute extends Owned {
  @Property({ type: 'text' })
  @Field(() => ID, { description: '争议涉及的目录条目ID / the catalog entry disputed' })
  resourceId!: string;

  /** The entry's open dataset when there is one (read through `dataset`). */
  @Property({ type: 'text', nullable: true })
  datasetId!: string | null;

  /** The entry's provider, the opening agency the catalog names. */
  @Property({ type: 'text' })
  providerId!: string;

  /** The agencies party to it: the provider, the one that raised it, the one claimed to be the opening agency. */
  @Property({ type: ArrayType })
  partyIds!: string[];

  @Property({ type: 'text' })
  @Field(() => OpenDisputeKindEnum, { description: '争议类型 / what is disputed' })
  kind!: OpenDisputeKind;

  @Property({ type: 'text' })
  @Field({ description: '提出方的主张及理由 / what the raising party claims, and why' })
  claim!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => OpenDisputeAttributeEnum, { nullable: true, description: '主张的开放属性（开放属性争议）/ the open attribute claimed (OPEN_ATTRIBUTE disputes) [Z §12]' })
  claimedAttribute!: OpenDisputeAttribute | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true, description: '主张应作为开放主体的机构（开放主体争议）/ the agency claimed to be the opening agency (OPENING_AGENCY disputes) [Z §11]' })
  claimedAgencyId!: string | null;

  @Property({ type: 'text' })
  @Field(() => OpenDisputeStatusEnum, { description: '处理状态 / status' })
  status!: OpenDisputeStatus;

  @Property({ type: 'json' })
  opinions!: StoredExpertOpinion[];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '决定内容（决定前为空）/ the decision (null until decided)' })
  outcome!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => OpenDisputeAttributeEnum, { nullable: true, description: '决定的开放属性（开放属性争议）/ the open attribute decided (OPEN_ATTRIBUTE disputes) [Z §12]' })
  decidedAttribute!: OpenDisputeAttribute | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => ID, { nullable: true, description: '决定的开放主体（开放主体争议）/ the opening agency decided (OPENING_AGENCY disputes) [Z §11]' })
  decidedAgencyId!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '决定时间 / decided at' })
  decidedAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;
}
