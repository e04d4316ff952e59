import { Entity, Property } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { Owned } from '../kit/server/owned.js';
import { SanctionViolationEnum, type SanctionViolation } from './enums.js';
import { LocalDate } from '../kit/server/scalars.js';

/**
 * A data authority's suspension of a user organization's access to every grant it holds on this
 * platform within the sanction's region [SHR-10, B §49]: with a rectification demand and a
 * deadline; not rectified by then, it is TERMINATED (computed, see `status`); lifted after
 * rectification.
 */
@Entity({ tableName: 'share_sanction' })
@ObjectType('ShareSanction', { description: "暂停共享权限的处置 / a suspension of a user organization's access to shared data [SHR-10, B §49]" })
export class ShareSanction extends Owned {
  /** The user organization, possibly of another platform: a plain ID. */
  @Property({ type: 'text' })
  organizationId!: string;

  @Property({ type: 'text' })
  @Field(() => SanctionViolationEnum, { description: '违规情形 / the violation [B §49]' })
  violation!: SanctionViolation;

  @Property({ type: 'text' })
  @Field({ description: '违规事实 / what happened' })
  description!: string;

  @Property({ type: 'text' })
  @Field({ description: '整改要求 / the rectification demanded' })
  rectificationDemand!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => LocalDate, { description: '整改期限 (YYYY-MM-DD)；逾期未解除即终止服务 / rectification deadline; not lifted by then, the service is terminated' })
  deadline!: string;

  @Property({ type: 'text' })
  @Field({ description: '作出处置的用户标识 / who imposed it' })
  imposedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '解除时间 / when it was lifted' })
  liftedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '解除人 / who lifted it' })
  liftedBy!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '解除理由（整改情况）/ why it was lifted (the rectification done)' })
  liftReason!: string | null;
}
