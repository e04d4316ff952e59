import { Entity, Property } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../kit/server/scalars.js';
import { Owned } from '../kit/server/owned.js';
import { OpenDemandStatusEnum, type OpenDemandStatus } from './enums.js';

/**
 * A demand for data not yet open [OPN-5, Z §22, B §34]. It lives on the node of the agency it is
 * addressed to, or of the region it is addressed to when the requester does not know the agency
 * (the authority acting on that region then names one). Anyone may file, signed in or not, and
 * follows it with the receipt token (only its hash is kept) or as the registered user who filed it.
 * An accepted demand is linked to the catalog entry that answers it and, once there is one, to its
 * open dataset.
 */
@Entity({ tableName: 'open_data_demand' })
@ObjectType('OpenDataDemand', {
  description:
    '开放目录外的数据开放需求：开放主体评估后答复，同意的关联答复它的目录条目和开放数据集 / a demand for data not yet open: the agency assesses and answers it; an accepted one links the catalog entry and open dataset that answer it [OPN-5, Z §22, B §34]',
})
export class OpenDataDemand extends Owned {
  /** The agency that answers: named by the requester, or by the authority for a demand addressed to a region; null until then. */
  @Property({ type: 'text', nullable: true })
  providerId!: string | null;

  @Property({ type: 'text' })
  @Field({ description: '需要的数据：内容、范围和更新要求 / the data wanted: what, its coverage and freshness' })
  description!: string;

  @Property({ type: 'text' })
  @Field({ description: '用途：将用这些数据做什么 / the purpose: what the data will be used for' })
  purpose!: string;

  /** The registered user who filed it (a USER token's `acct`); null for the anonymous public. */
  @Property({ type: 'text', nullable: true })
  requesterAccount!: string | null;

  @Property({ type: 'text', unique: true })
  receiptTokenHash!: string;

  @Property({ type: 'text' })
  @Field(() => OpenDemandStatusEnum, { description: '处理状态 / status' })
  status!: OpenDemandStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '数据主管部门指定开放主体的时间（向区域提出的需求）/ when the authority named the agency (a demand addressed to a region)' })
  routedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '评估结论和答复；不予开放时为理由 / the assessment as told to the requester; for a decline, the reason [Z §22]' })
  reply!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '答复时间 / answered at' })
  answeredAt!: Date | null;

  /** The catalog entry that answers an accepted demand. */
  @Property({ type: 'text', nullable: true })
  resourceId!: string | null;

  /** The open dataset that answers it, when the agency named one; otherwise the entry's dataset, once there is one, is shown. */
  @Property({ type: 'text', nullable: true })
  datasetId!: string | null;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, { description: '答复期限 (YYYY-MM-DD，中国工作日计算) / due date, counted in Chinese working days from the filing date [SEC-6]' })
  dueDate!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '适用的答复时限（工作日）/ the answer period applied, in working days' })
  deadlineWorkingDays!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '时限来源的政策配置（J/B/D/L/Z）；为空表示平台默认 / the policy profile that set the period; null for the platform default' })
  deadlineProfile!: string | null;

  @Property({ type: 'text' })
  @Field({ description: '时限依据 / the article the period comes from' })
  deadlineBasis!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;

  /** Set only on the object the filing returns: the token is never stored, so it is shown once. */
  receiptToken?: string;
}
