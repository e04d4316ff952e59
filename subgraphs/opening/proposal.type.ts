import { Field, ObjectType } from 'type-graphql';
import {
  OpenAccessMethodEnum,
  OpenDataTypeEnum,
  OpenPriorityDomainEnum,
  OpenProposalKindEnum,
  OpenProposalStatusEnum,
  type OpenAccessMethod,
  type OpenDataType,
  type OpenPriorityDomain,
  type OpenProposalKind,
  type OpenProposalStatus,
} from './enums.js';

/**
 * An agency's proposal for the open catalog, kept on its dataset (`open_dataset.proposal`) until
 * the authority approves or returns it: the dataset as the public sees it does not change before
 * [B §31]. The latest one stays, returned, with the authority's comment.
 */
@ObjectType('OpenDatasetProposal', {
  description: '开放目录变更提议：开放主体提出，数据主管部门审核 / a proposal for the open catalog: made by the agency, decided by the data authority [B §31]',
})
export class OpenDatasetProposal {
  @Field(() => OpenProposalKindEnum, { description: '提议类型 / what is proposed' })
  kind!: OpenProposalKind;

  @Field(() => OpenProposalStatusEnum, { description: '审核状态 / review status' })
  status!: OpenProposalStatus;

  @Field({ description: '提议的名称 / proposed title' })
  title!: string;

  @Field(() => String, { nullable: true, description: '提议的说明 / proposed description' })
  description!: string | null;

  @Field(() => [OpenAccessMethodEnum], { description: '提议的开放方式 / proposed access methods [Z §20]' })
  accessMethods!: OpenAccessMethod[];

  @Field(() => OpenPriorityDomainEnum, { nullable: true, description: '提议的重点领域 / proposed priority domain [Z §7]' })
  priorityDomain!: OpenPriorityDomain | null;

  @Field(() => OpenDataTypeEnum, {
    nullable: true,
    description: '提议的数据类型（早于数据类型登记的提议为空）/ proposed data type (null on proposals made before it was recorded) [Z §10]',
  })
  dataType!: OpenDataType | null;

  @Field(() => String, { nullable: true, description: '提议理由（撤回时必填）/ why (required for a withdrawal)' })
  reason!: string | null;

  @Field({ description: '提议人（令牌主体）/ who proposed (token subject)' })
  proposedBy!: string;

  @Field({ description: '提议时间 / proposed at' })
  proposedAt!: Date;

  @Field(() => String, { nullable: true, description: "审核意见 / the authority's comment" })
  reviewComment!: string | null;

  @Field(() => String, { nullable: true, description: '审核人（令牌主体）/ who decided (token subject)' })
  reviewedBy!: string | null;

  @Field(() => Date, { nullable: true, description: '审核时间 / decided at' })
  reviewedAt!: Date | null;
}

/** How the proposal is stored (JSON: dates as ISO strings). */
export type StoredProposal = Omit<OpenDatasetProposal, 'proposedAt' | 'reviewedAt'> & { proposedAt: string; reviewedAt: string | null };

export const proposalOf = (p: StoredProposal): OpenDatasetProposal =>
  Object.assign(new OpenDatasetProposal(), { ...p, proposedAt: new Date(p.proposedAt), reviewedAt: p.reviewedAt ? new Date(p.reviewedAt) : null });
