import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { Owned } from '../kit/server/owned.js';
import { LocalDate } from '../kit/server/scalars.js';
import { OperatorViolationEnum, type OperatorViolation } from './operator.enums.js';

/**
 * One sanction of an operator [D §28]: the violations found, the rectification demanded and its
 * deadline; closed when the authority reinstates the operator after rectification. A sanction not
 * closed by its deadline ended the authorization (operator.rules.ts `accessEndedOn`). Stored on
 * the operator's node, one row per suspension, so the history survives reinstatements.
 */
@Entity({ tableName: 'operator_sanction' })
@ObjectType('OperatorSanction', {
  description:
    '对授权运营主体的一次处理：违规情形、整改要求与期限、整改结果 / a sanction of an operator: violations, rectification demanded and its deadline, the outcome [OPR-9, D §28]',
})
export class OperatorSanction extends Owned {
  @Property({ type: 'text' })
  @Field(() => ID, { description: '授权运营主体 / the operator' })
  operatorId!: string;

  @Property({ type: ArrayType })
  @Field(() => [OperatorViolationEnum], { description: '违规情形 / the violations [D §28]' })
  violations!: OperatorViolation[];

  @Property({ type: 'text' })
  @Field({ description: '整改要求 / the rectification demanded' })
  rectification!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '整改期限（含）/ last day to rectify (inclusive)' })
  rectifyBy!: string;

  @Property({ type: 'text' })
  @Field({ description: '作出处理的数据主管部门（机构ID或用户标识）/ the authority that imposed it (its organization ID, else its user ID)' })
  imposedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '整改后恢复权限的时间 / when access was restored after rectification' })
  reinstatedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '整改情况 / how it was rectified' })
  reinstatement!: string | null;
}
