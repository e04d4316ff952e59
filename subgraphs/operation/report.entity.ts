import { Entity, Property } from '@mikro-orm/postgresql';
import { Field, Int, ObjectType } from 'type-graphql';
import { Owned } from '../kit/server/owned.js';
import { LocalDate } from '../kit/server/scalars.js';
import { OperatorReportKindEnum, type OperatorReportKind } from './report.enums.js';

/**
 * A report an operator filed for one period of its agreement [OPR-7, D §20]: one per operator,
 * kind and period (a second is refused: what was filed with the authority stays as filed). Lives
 * with the operator record, on the node of its region; its operator's organization is copied so
 * that who may read it is decided on the row (operation/access.ts).
 */
@Entity({ tableName: 'operator_report' })
@ObjectType('OperatorReport', {
  description:
    '授权运营报告：运营主体按协议定期和每年向数据主管部门报告授权存储、加工处理、分析挖掘、融合利用及市场运营情况 / an operation report: what the operator did with the authorized data in one period of its agreement (storage, processing, analysis, fusion, market operation), filed with the data authority [D §20]',
})
export class OperatorReport extends Owned {
  @Property({ type: 'text' })
  operatorId!: string;

  @Property({ type: 'text' })
  organizationId!: string;

  @Property({ type: 'text' })
  @Field(() => OperatorReportKindEnum, { description: '定期报告或年度报告 / periodic or annual [D §20]' })
  kind!: OperatorReportKind;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '期次：授权期限内的第几期（从1起）/ which period of the term, from 1' })
  periodNumber!: number;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '报告期起始日 YYYY-MM-DD / first day of the period' })
  periodStart!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '报告期终止日 YYYY-MM-DD / last day of the period' })
  periodEnd!: string;

  @Property({ type: 'date' })
  @Field(() => LocalDate, { description: '应报日期 YYYY-MM-DD（按本平台政策）/ due date, YYYY-MM-DD, under this platform policy' })
  dueDate!: string;

  @Property({ type: 'text' })
  @Field({ description: '授权存储情况 / authorized storage of the data [D §20]' })
  storage!: string;

  @Property({ type: 'text' })
  @Field({ description: '加工处理情况 / processing [D §20]' })
  processing!: string;

  @Property({ type: 'text' })
  @Field({ description: '分析挖掘情况 / analysis and mining [D §20]' })
  analysis!: string;

  @Property({ type: 'text' })
  @Field({ description: '融合利用情况 / fusion and use [D §20]' })
  fusion!: string;

  @Property({ type: 'text' })
  @Field({ description: '市场运营情况 / market operation [D §20]' })
  marketOperation!: string;
}
