import { Field, ID, InputType } from 'type-graphql';
import type { ShareMode } from '../../schema/enums.js';
import { ShareModeEnum } from '../kit/server/enums.js';
import { LocalDate } from '../kit/server/scalars.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';

@InputType({ description: '信息项的必要性说明 / why an item is needed [B §26, B §28]' })
export class ItemJustificationInput {
  @Field({ description: '信息项，须为本申请所列的 / the item; one of the requested items' })
  itemName!: string;

  @Field({ description: '该应用场景为何需要此项 / why the scenario needs it' })
  @FreeText
  justification!: string;
}

@InputType({ description: "申请共享数据 / request another agency's catalog entry [SHR-1, B §26-28]" })
export class RequestShareInput {
  @Field(() => ID, { description: '申请的目录条目；申请保存在条目所在平台 / the catalog entry requested; the request lives on its platform' })
  resourceId!: string;

  @Field(() => ID, { description: '申请部门（须为本人所在部门）/ the requesting agency (must be your own organization)' })
  requesterId!: string;

  @Field({ description: '应用场景；同一部门对同一条目同一场景只能有一个待审申请 / the scenario the data is needed for; one pending request per requester, entry and scenario' })
  @FreeText
  scenario!: string;

  @Field({ description: '用途 / purpose' })
  @FreeText
  purpose!: string;

  @Field({ description: '所履行的法定职责（必填）/ the statutory duty the request serves (required) [B §26, J §17]' })
  @FreeText
  legalDuty!: string;

  @Field(() => [String], { description: '需要的信息项，须为条目已有的信息项（最小必要）/ the items needed; each must exist in the entry (minimum necessary)' })
  @Bound({ maxItems: 500 })
  itemNames!: string[];

  @Field(() => [ItemJustificationInput], {
    defaultValue: [],
    description:
      '超出最小必要的信息项须逐项说明理由：个人信息项、标识符项，以及申请超过10项时的每一项 [B §26, B §28] / a justification for each item beyond the minimum: every personal-information or identifier item, and every item when more than 10 are requested [B §26, B §28]',
  })
  @Bound({ maxItems: 500 })
  itemJustifications!: ItemJustificationInput[];

  @Field(() => ShareModeEnum, { defaultValue: 'API', description: '共享方式，默认接口调用；须为条目提供的方式 / share mode, API by default; one the entry offers [SHR-6]' })
  shareMode!: ShareMode;

  @Field(() => String, { nullable: true, description: '离线方式必填：为何无法在线共享 [B §27, L §17] / required for OFFLINE: why online sharing is impossible [B §27, L §17]' })
  @FreeText
  offlineReason?: string | null;

  @Field(() => LocalDate, { description: '使用截止日期 YYYY-MM-DD，须晚于今天 / end date YYYY-MM-DD, after today' })
  endDate!: string;
}
