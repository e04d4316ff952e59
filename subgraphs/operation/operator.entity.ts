import { Entity, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import type { StoredOperatorStatus } from './operator.enums.js';
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

  /** The authority's decision (ACTIVE/SUSPENDED/REVOKED); GraphQL `status` adds PENDING/EXPIRED from the term. */
  @Property({ type: 'text' })
  status!: StoredOperatorStatus;

  /** Exposed through a field resolver that hides it from anonymous callers. */
  @Property({ type: 'text', nullable: true })
  statusReason!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '最近修改时间 / last changed at' })
  updatedAt!: Date;
}
