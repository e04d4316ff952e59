import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import {
  OpenComplaintInfringementEnum,
  OpenComplaintOutcomeEnum,
  OpenComplaintSourceEnum,
  OpenComplaintStatusEnum,
  OpenComplaintStepKindEnum,
  type OpenComplaintInfringement,
  type OpenComplaintOutcome,
  type OpenComplaintSource,
  type OpenComplaintStatus,
  type OpenComplaintStepKind,
} from './enums.js';
import { Owned } from '../kit/server/owned.js';

/** A step as the complaint keeps it; who took it is in the audit log, not on the receipt. */
export interface StoredComplaintStep {
  kind: OpenComplaintStepKind;
  at: string;
  note: string | null;
}

@ObjectType('OpenDataComplaintStep', { description: '投诉处理的一个步骤 / one step of a complaint, as its receipt shows it [Z §35]' })
export class OpenDataComplaintStep {
  @Field(() => OpenComplaintStepKindEnum, { description: '步骤 / the step' })
  kind!: OpenComplaintStepKind;

  @Field({ description: '时间 / when' })
  at!: Date;

  @Field(() => String, { nullable: true, description: '核实情况或处理说明 / the findings or the decision, as told to the complainant' })
  note!: string | null;
}

/**
 * A complaint that opened data infringes state or trade secrets or privacy [OPN-6, Z §35]. It
 * lives with the dataset, on the node that owns it. Anyone may file, signed in or not: the
 * complainant follows it with the receipt token (only its hash is kept) or, as a registered
 * user, with its account. Not a Relay `Node`: the public fetches it again only with its token.
 * A data subject's INFRINGING objection to an entry in the catalog is recorded here too, by the
 * catalog's event (catalog-events.ts): that one has no receipt, the objector follows its objection.
 */
@Entity({ tableName: 'open_data_complaint' })
@ObjectType('OpenDataComplaint', {
  description:
    '开放数据侵权投诉：提出即中止开放，核实后撤回、恢复开放或处理后再开放 / a complaint that opened data infringes secrets or privacy: the dataset is suspended at filing, then withdrawn, restored or processed and reopened [OPN-6, Z §35]',
})
export class OpenDataComplaint extends Owned {
  @Property({ type: 'text' })
  datasetId!: string;

  /** The opening agency, copied so that who may see and handle the complaint is decided on the row. */
  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: ArrayType })
  @Field(() => [OpenComplaintInfringementEnum], { description: '所称被侵犯的权益 / what the data is said to infringe' })
  infringes!: OpenComplaintInfringement[];

  @Property({ type: 'text' })
  @Field({ description: '投诉内容及事实材料说明 / the complaint and the facts it rests on' })
  description!: string;

  /** The registered user who filed it (a USER token's `acct`); null for the anonymous public. */
  @Property({ type: 'text', nullable: true })
  complainantAccount!: string | null;

  /** Null for a complaint the system recorded from a catalog objection: nobody holds a token for it. */
  @Property({ type: 'text', unique: true, nullable: true })
  receiptTokenHash!: string | null;

  @Property({ type: 'text' })
  @Field(() => OpenComplaintSourceEnum, { description: '投诉来源 / where the complaint came from [Z §35]' })
  source!: OpenComplaintSource;

  /** The catalog objection it was recorded from (on this node's catalog); one complaint per objection. */
  @Property({ type: 'text', unique: true, nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: '转来投诉的目录数据异议（source 为 CATALOG_OBJECTION 时）/ the catalog objection the complaint came from (source CATALOG_OBJECTION) [B §11]',
  })
  objectionId!: string | null;

  @Property({ type: 'text' })
  @Field(() => OpenComplaintStatusEnum, { description: '处理状态 / status' })
  status!: OpenComplaintStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => OpenComplaintOutcomeEnum, { nullable: true, description: '处理结果（处理前为空）/ the measure taken (null until resolved)' })
  outcome!: OpenComplaintOutcome | null;

  @Property({ type: 'json' })
  steps!: StoredComplaintStep[];

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;

  /** Set only on the object the filing returns: the token is never stored, so it is shown once. */
  receiptToken?: string;
}
