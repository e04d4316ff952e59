import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import {
  OpenAccessMethodEnum,
  OpenDatasetAccessLevelEnum,
  OpenDatasetStatusEnum,
  OpenDataTypeEnum,
  OpenEmergencyMeasureEnum,
  OpenPriorityDomainEnum,
  type OpenAccessMethod,
  type OpenDataType,
  type OpenEmergencyMeasure,
  type OpenDatasetAccessLevel,
  type OpenDatasetStatus,
  type OpenPriorityDomain,
  type OpenProposalStatus,
} from './enums.js';
import type { StoredProposal } from './proposal.type.js';
import type { DataFormat, UpdateFrequency } from '../../schema/enums.js';
import { DataFormatEnum, UpdateFrequencyEnum } from '../kit/server/enums.js';
import { Owned } from '../kit/server/owned.js';
import { Node } from '../kit/server/node.js';

/**
 * A dataset in the open catalog (开放目录): one catalog entry offered to the public. It lives on the
 * node that owns the catalog entry, and copies the facts it was published under (open attribute,
 * provider) so the public portal can list it without asking the catalog for every row [OPN-1, Z §10].
 */
@Entity({ tableName: 'open_dataset' })
@Directive('@key(fields: "id")')
@ObjectType('OpenDataset', { implements: Node, description: '开放数据集：向社会开放的目录条目 / an open dataset: a catalog entry opened to the public [Z §10, B §31]' })
export class OpenDataset extends Owned {
  /** One dataset per catalog entry: opening the same data twice would split its use statistics [OPN-9]. */
  @Property({ type: 'text', unique: true })
  resourceId!: string;

  @Property({ type: 'text' })
  providerId!: string;

  @Property({ type: 'text' })
  @Field({ description: '数据集名称（默认为目录名称）/ title (defaults to the catalog name)' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '数据集说明（默认为目录摘要）/ description (defaults to the catalog summary)' })
  description!: string | null;

  @Property({ type: 'text' })
  @Field(() => OpenDatasetAccessLevelEnum, { description: '开放属性（取自目录，随目录变更）/ open attribute, from the catalog entry and kept in step with it [Z §12]' })
  openAttribute!: OpenDatasetAccessLevel;

  @Property({ type: 'text', nullable: true })
  @Field(() => DataFormatEnum, { nullable: true, description: '数据格式（取自目录，随目录变更）/ format, from the catalog entry and kept in step with it [Z §10]' })
  format!: DataFormat | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => UpdateFrequencyEnum, { nullable: true, description: '更新频率（取自目录，随目录变更）/ update frequency, from the catalog entry and kept in step with it [Z §10]' })
  updateFrequency!: UpdateFrequency | null;

  @Property({ type: 'text' })
  @Field(() => OpenDataTypeEnum, {
    description:
      '数据类型：数据集或数据接口（默认按目录的数据格式，开放主体可在提议中指明）/ data type: a dataset or an interface (by default from the catalog format; the agency may state it in its proposal) [Z §10]',
  })
  dataType!: OpenDataType;

  @Property({ type: ArrayType })
  @Field(() => [OpenAccessMethodEnum], { description: '开放方式 / access methods [Z §20, B §32]' })
  accessMethods!: OpenAccessMethod[];

  @Property({ type: 'text', nullable: true })
  @Field(() => OpenPriorityDomainEnum, { nullable: true, description: '重点和优先开放领域 / priority domain [Z §7]' })
  priorityDomain!: OpenPriorityDomain | null;

  @Property({ type: 'text' })
  @Field(() => OpenDatasetStatusEnum, { description: '状态 / status' })
  status!: OpenDatasetStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: '首次经审核进入开放目录的时间；提议中为空 / when the authority first approved it into the open catalog; null while proposed [B §31]',
  })
  publishedAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '暂停的时间（因目录变更或侵权投诉）/ when a catalog change or a complaint suspended the dataset [Z §35]' })
  suspendedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '暂停理由（引用所依据的条款）/ why the dataset was suspended, citing the rule [Z §35]' })
  suspensionReason!: string | null;

  /** The catalog outbox event that suspended the dataset (its id on this node's catalog). */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '引起暂停的目录变更事件编号 / the catalog change event that suspended the dataset' })
  catalogEventId!: string | null;

  /** The latest proposal (read through `proposal`, which only those who answer for the dataset see). */
  @Property({ type: 'json', nullable: true })
  proposalData!: StoredProposal | null;

  /** The emergency it was opened for through the fast path [Z §8]; read through `emergency`. */
  @Property({ type: 'text', nullable: true })
  emergencyId!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => OpenEmergencyMeasureEnum, {
    nullable: true,
    description:
      '应急开放结束后对为该事件采集的数据的处理（封存或安排销毁）/ what was done with the data collected for the event once it was over: sealed or scheduled for destruction [Z §32]',
  })
  emergencyMeasure!: OpenEmergencyMeasure | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: '应急开放结束、基于该数据的应用被关停的时间 / when the emergency ended and the applications built on this data were shut down [Z §32]',
  })
  applicationsShutDownAt!: Date | null;

  /** Whether a proposal awaits the authority: the review queue's filter. */
  @Property({ type: 'text', nullable: true })
  proposalStatus!: OpenProposalStatus | null;
}
