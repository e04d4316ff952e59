import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '../kit/server/scalars.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { OperatorKindEnum, OperatorViolationEnum, type OperatorKind, type OperatorViolation } from './operator.enums.js';

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

  @Field(() => OperatorKindEnum, {
    nullable: true,
    description: '主体类型，不填为国有企业；其他类型须填写 kindReason / kind of operator; a state-owned enterprise when omitted, any other kind needs kindReason [J §20]',
  })
  kind?: OperatorKind | null;

  @Field(() => String, { nullable: true, description: '选定非国有企业的理由 / why an operator that is not a state-owned enterprise is chosen [J §20]' })
  @FreeText
  kindReason?: string | null;

  @Field(() => String, { nullable: true, description: '依法选定的依据（遴选公告、决定文号等）；续期时必填 / how the operator was selected; required for a renewal [D §10, J §20]' })
  @FreeText
  selectionBasis?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      '续期：期满后再次选定所接续的原授权ID（同一平台）；新授权是一份新协议，原期限不延长 / renewal: the authorization (on this platform) this one follows after a new selection; a new agreement, the old term is never extended [D §10]',
  })
  renewsOperatorId?: string | null;
}

@InputType({ description: '因违规暂停平台使用权限并限期整改 / suspend platform access for violations, with a rectification deadline [D §28]' })
export class SuspendOperatorInput {
  @Field(() => [OperatorViolationEnum], { description: '违规情形，至少一项 / the violations, at least one [D §28 (一)-(四)]' })
  @Bound({ maxItems: 4 })
  violations!: OperatorViolation[];

  @Field({ description: '整改要求 / what must be rectified' })
  @FreeText
  rectification!: string;

  @Field(() => LocalDate, {
    description: '整改期限 YYYY-MM-DD（含），须晚于今天且不超过90天 / last day to rectify, YYYY-MM-DD (inclusive): after today, at most 90 days ahead [D §28]',
  })
  rectifyBy!: string;
}
