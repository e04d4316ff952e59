import { ArrayType, Entity, JsonType, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import type { ShareMode } from '../../schema/enums.js';
import { ShareModeEnum } from '../kit/server/enums.js';
import { GrantActorRoleEnum, ShareDecisionRuleEnum, ShareRequestStatusEnum, type GrantActorRole, type ShareDecisionRule, type ShareRequestStatus } from './enums.js';
import { Owned } from '../kit/server/owned.js';
import { Node } from '../kit/server/node.js';
import { LocalDate } from '../kit/server/scalars.js';

@ObjectType('ItemJustification', { description: '信息项的必要性说明 / why an item is needed [B §26, B §28]' })
export class ItemJustification {
  @Field({ description: '信息项 / the item' })
  itemName!: string;

  @Field({ description: '理由 / why the scenario needs it' })
  justification!: string;
}

/**
 * A request by one agency for another agency's catalog entry [SHR-1, J §17, B §26-28]. It lives on
 * the node that owns the requested resource (its ID carries the resource's region), because that
 * node's provider and authority decide it; the requester may be on any node. A GRANTED request is
 * the grant itself: limited to its items, scenario and end date [SHR-5, B §26].
 */
@Entity({ tableName: 'share_request' })
@Directive('@key(fields: "id")')
@ObjectType('ShareRequest', { implements: Node, description: '数据共享申请（获批即为授权）/ a data share request; once granted it is the grant [SHR-1, SHR-5, B §26-28]' })
export class ShareRequest extends Owned {
  @Property({ type: 'text' })
  resourceId!: string;

  @Property({ type: 'text' })
  requesterId!: string;

  /** Copied from the catalog at request time: who decides must not change under a pending request. */
  @Property({ type: 'text' })
  providerId!: string;

  /** Share attribute at request time, kept so a later catalog change does not rewrite history. */
  @Property({ type: 'text' })
  shareAttribute!: string;

  /** Security grade at request time, for the same reason [CAT-4]. */
  @Property({ type: 'text', nullable: true })
  securityGrade!: string | null;

  @Property({ type: 'text' })
  @Field({ description: '应用场景 / the scenario the data is needed for' })
  scenario!: string;

  @Property({ type: 'text' })
  @Field({ description: '用途 / purpose' })
  purpose!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '所履行的法定职责 / the statutory duty the request serves' })
  legalDuty!: string | null;

  @Property({ type: ArrayType })
  @Field(() => [String], {
    description: '授权（待审时为申请）的信息项；提供部门可在审核时缩减 [B §28] / the items granted (while pending: requested); the provider may narrow them when approving [B §28]',
  })
  itemNames!: string[];

  @Property({ type: ArrayType })
  @Field(() => [String], { description: '申请时所列的信息项 / the items as requested' })
  requestedItemNames!: string[];

  @Property({ type: ArrayType })
  @Field(() => [String], {
    description:
      "申请时列入提供部门负面清单的信息项：这些信息项不自动授权 / the requested items on the provider's negative list when the request was made: never granted automatically [SHR-3, B §24]",
  })
  negativeListItems: string[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '负面清单条目的法律法规依据 / the legal basis of the negative-list line those items are on [B §24]' })
  negativeListBasis!: string | null;

  @Property({ type: JsonType })
  @Field(() => [ItemJustification], { description: '超出最小必要的信息项及其理由 [B §26, B §28] / why each item beyond the minimum is needed [B §26, B §28]' })
  itemJustifications!: ItemJustification[];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '无法在线共享的原因（离线方式）[B §27, L §17] / why online sharing is impossible (OFFLINE mode) [B §27, L §17]' })
  offlineReason!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: '提请数据主管部门协调不予共享数据的理由 [B §27] / why the requester asks the authority to coordinate NOT_SHARED data [B §27]',
  })
  escalationReason!: string | null;

  /** Fixed at request time: the requester's region is not hosted on this node [B §29]. */
  @Property({ type: 'boolean' })
  @Field({ description: '跨平台（跨层级、跨区域）申请，由市级数据主管部门协调 [B §29] / from an organization of another platform: coordinated by the city data authority [B §29]' })
  crossNode!: boolean;

  @Property({ type: 'text' })
  @Field(() => ShareModeEnum, { description: '共享方式 / share mode' })
  shareMode!: ShareMode;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, {
    description:
      '使用截止日期 (YYYY-MM-DD)，到期授权自动失效；提供部门可在审核时提前 [B §28] / end date; the grant lapses by itself after it; the provider may shorten it when approving [SHR-5, B §28]',
  })
  endDate!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, { description: '申请时所列的截止日期 / the end date as requested' })
  requestedEndDate!: string;

  @Property({ type: 'boolean' })
  @Field({
    description:
      '须经数据主管部门审批（核心、重要数据，或批量复制、离线共享）/ only the data authority can decide (CORE or IMPORTANT data, or bulk copy or offline sharing) [J §7, B §10, Z §9, SHR-6, L §17]',
  })
  authorityApprovalRequired!: boolean;

  @Property({ type: 'text' })
  @Field(() => ShareDecisionRuleEnum, {
    description:
      '适用的决定规则：待审时为将据以决定的规则，决定后为实际适用的规则 / the rule applied: while PENDING the rule that will decide it, once decided the rule that did [SHR-2, CAT-4]',
  })
  decisionRule!: ShareDecisionRule;

  @Property({ type: 'text' })
  @Field(() => ShareRequestStatusEnum, { description: '状态 / status' })
  status!: ShareRequestStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审核意见或驳回理由 / reason given with the decision' })
  decisionReason!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '决定时间 / decided at' })
  decidedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '决定人（用户标识；自动授权为 SYSTEM）/ who decided: user subject, or SYSTEM for automatic grants' })
  decidedBy!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '暂停时间 / when the grant was suspended [B §49]' })
  suspendedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '暂停理由（引用所依据的条款）/ why the grant was suspended, citing the rule [B §26, B §49]' })
  suspensionReason!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '整改要求（暂停时）[B §49] / the rectification demanded with a suspension [B §49]' })
  rectificationDemand!: string | null;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: '整改期限 (YYYY-MM-DD) [B §49] / rectification deadline [B §49]' })
  rectificationDeadline!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '暂停人（用户标识；目录变更引起的为 SYSTEM）/ who suspended the grant (user subject; SYSTEM after a catalog change)' })
  suspendedBy!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => GrantActorRoleEnum, {
    nullable: true,
    description: "暂停者的身份；数据主管部门暂停的只有数据主管部门能恢复 / in which capacity it was suspended; only the authority lifts the authority's suspension [B §49]",
  })
  suspendedAs!: GrantActorRole | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '撤销时间 / when the grant was revoked' })
  revokedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '撤销人（用户标识）/ who revoked the grant (user subject)' })
  revokedBy!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => GrantActorRoleEnum, { nullable: true, description: '撤销者的身份 / in which capacity it was revoked [B §49]' })
  revokedAs!: GrantActorRole | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '撤销理由 / why the grant was revoked' })
  revocationReason!: string | null;

  /** The catalog outbox event that caused the suspension or the system's rejection (its id on this node's catalog). */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "引起暂停或系统驳回的目录变更事件编号 / the catalog change event that caused the suspension or the system's rejection" })
  catalogEventId!: string | null;
}
