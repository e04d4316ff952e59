import { Entity, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { OperatorKindEnum, type OperatorKind, type StoredOperatorStatus } from './operator.enums.js';
import { Owned } from '../kit/server/owned.js';
import { Node } from '../kit/server/node.js';
import { LocalDate } from '../kit/server/scalars.js';

/**
 * An authorization of an organization as public-data operator (公共数据授权运营主体) under an
 * agreement with the data authority [D §8-11, J §20]. Stored on the node hosting the organization.
 * `organization` and the effective `status` are field resolvers (operator.resolver.ts).
 */
@Entity({ tableName: 'operator' })
@Directive('@key(fields: "id")')
@ObjectType('Operator', {
  implements: Node,
  description: '授权运营主体（一份授权运营协议）/ an authorized operator: one operation agreement with the data authority [D §8-11, J §20]',
})
export class Operator extends Owned {
  @Property({ type: 'text' })
  organizationId!: string;

  @Property({ type: 'text', unique: true })
  @Field({ description: '授权运营协议编号（本平台内唯一）/ agreement number, unique on this platform' })
  agreementNo!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '协议签订日期 YYYY-MM-DD / date the agreement was signed' })
  agreementSignedAt!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '授权期限起始日（含）YYYY-MM-DD / first day of the term (inclusive)' })
  termStart!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '授权期限终止日（含），一般为起始日起3年 / last day of the term (inclusive); usually 3 years [D §10]' })
  termEnd!: string;

  @Property({ type: 'text' })
  @Field({ description: '授权范围 / scope of the authorization (which data, which domains) [D §8-9]' })
  scope!: string;

  @Property({ type: 'text' })
  @Field({ description: '授权的数据主管部门（机构ID或用户标识）/ the licensing data authority (its organization ID, else its user ID)' })
  licensedBy!: string;

  @Property({ type: 'text' })
  @Field(() => OperatorKindEnum, { description: '主体类型：默认国有企业 / kind of operator: a state-owned enterprise by default [J §20]' })
  kind!: OperatorKind;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '选定非国有企业的理由 / why an operator that is not a state-owned enterprise was chosen [J §20]' })
  kindReason!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: '依法选定的依据（如遴选公告、决定文号）；续期时必填 / how the operator was selected (the selection notice or decision); required for a renewal [D §10, J §20]',
  })
  selectionBasis!: string | null;

  /** The agreement this one follows after the operator was selected again (`renews`): a renewal is a new record, never a longer term [D §10]. */
  @Property({ type: 'text', nullable: true })
  renewsId!: string | null;

  /**
   * While suspended for a violation: the day by which it must be rectified [D §28]. Not reinstated
   * by then, the authorization has ended from the next day (operator.rules.ts `accessEndedOn`).
   */
  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDate, { nullable: true, description: '暂停期间的整改期限（含）/ while suspended: last day to rectify (inclusive) [D §28]' })
  rectifyBy!: string | null;

  /** The authority's decision (ACTIVE/SUSPENDED/REVOKED); GraphQL `status` adds PENDING/EXPIRED from the term and TERMINATED from the rectification deadline. */
  @Property({ type: 'text' })
  status!: StoredOperatorStatus;

  /** Exposed through a field resolver that hides it from anonymous callers. */
  @Property({ type: 'text', nullable: true })
  statusReason!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '最近修改时间 / last changed at' })
  updatedAt!: Date;
}
