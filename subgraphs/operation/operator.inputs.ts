import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../kit/server/scalars.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';

@InputType({ description: '授权运营主体：登记授权运营协议 / license an operator: record the operation agreement [D §9-10]' })
export class CreateOperatorInput {
  @Field(() => ID, {
    description:
      '被授权机构的ID（企业或公共服务单位，须已在本平台登记）；决定由哪个平台保存 / the licensed organization (an enterprise or public-service organization registered on this platform); decides which platform holds the record',
  })
  organizationId!: string;

  @Field({ description: '授权运营协议编号，本平台内唯一 / agreement number, unique on this platform' })
  @Bound({ kind: 'code' })
  agreementNo!: string;

  @Field(() => LocalDate, { description: '协议签订日期 YYYY-MM-DD，不晚于今天和授权起始日 / date signed, YYYY-MM-DD; not after today nor after termStart' })
  agreementSignedAt!: string;

  @Field(() => LocalDate, { description: '授权期限起始日 YYYY-MM-DD（含）/ first day of the term, YYYY-MM-DD (inclusive)' })
  termStart!: string;

  @Field(() => Int, { nullable: true, description: '授权年限 1-10；不填按本平台政策（大理：3年）/ term in years, 1-10; defaults to the platform policy (Dali: 3 years) [D §10]' })
  termYears?: number | null;

  @Field({ description: '授权范围：可运营的数据与领域 / scope: which data and domains the operator may work on [D §8]' })
  @FreeText
  scope!: string;
}
