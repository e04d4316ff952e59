import type { FilterQuery } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { parseId } from '../../schema/ids.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { readOf, readsOf } from '../kit/server/audit.js';
import { requireActor, type SubgraphContext } from '../kit/server/context.js';
import { conflict, forbidden, notFound } from '../kit/server/errors.js';
import { Bound, FreeText } from '../kit/server/input-bounds.js';
import { mutate } from '../kit/server/mutation.js';
import { newOwned } from '../kit/server/owned.js';
import { assertKnownIdRegion, connectionType, listPage, PageArgs, RegionScopeInput, type Page } from '../kit/server/pagination.js';
import { LocalDate } from '../kit/server/scalars.js';
import { canCheckUse, canDecideTransfer, canManageInsidePlatform, canSeeInsidePlatform, insidePlatformFilter } from './access.js';
import { OperationAuthorization } from './authorization.entity.js';
import { authorizationOf, checkAuthorizationInForce, requiredText } from './authorization.rules.js';
import { Operator } from './operator.entity.js';
import { operatorInGoodStanding } from './operator.rules.js';
import { OperationDataTransfer, OperatorStaff } from './staff.entity.js';
import {
  DataTransferDirectionEnum,
  DataTransferStatusEnum,
  OperationUseDecisionEnum,
  OperatorStaffStatusEnum,
  type DataTransferDirection,
  type DataTransferStatus,
  type OperationUseDecision,
  type OperatorStaffStatus,
} from './staff.enums.js';
import { checkDecisionReason, checkStaff, checkTransfer, judgeUse, MAX_USE_CHECKS } from './staff.rules.js';

@InputType({ description: '实名备案加工处理工作人员 / register a processing staff member by real name [D §17 (一)]' })
export class RegisterOperatorStaffInput {
  @Field({ description: '真实姓名 / real name' })
  @FreeText
  name!: string;

  @Field({ description: '居民身份证号码（GB 11643，校验位核对；只保存脱敏形式和摘要）/ citizen ID (GB 11643, check digit verified; kept only masked and hashed)' })
  @Bound({ kind: 'code', max: 32 })
  citizenId!: string;

  @Field({ description: '岗位 / role or position' })
  @FreeText
  role!: string;

  @Field({ description: '与运营主体签订的保密协议编号 / number of the confidentiality agreement signed with the operator' })
  @Bound({ kind: 'code' })
  confidentialityAgreementNo!: string;

  @Field(() => LocalDate, { description: '保密协议签订日期 YYYY-MM-DD（不晚于今天）/ signed on, YYYY-MM-DD, not after today' })
  confidentialitySignedOn!: string;
}

@InputType({ description: '导入社会数据或导出加工结果的申请 / a request to import outside data or export a derived result [D §17 (三), D §21]' })
export class DataTransferInput {
  @Field(() => ID, { description: '所依据的本运营主体的数据使用授权 / the operator’s authorization it is made under' })
  authorizationId!: string;

  @Field({ description: '数据内容描述 / what the data is' })
  @FreeText
  description!: string;

  @Field(() => String, { nullable: true, description: '社会数据来源（导入必填）/ where the outside data comes from (required for an import)' })
  @FreeText
  source?: string | null;

  @Field({ description: '用途 / purpose' })
  @FreeText
  purpose!: string;
}

@InputType('OperationUseCheckInput', {
  description:
    '一项核验：某运营主体的某工作人员此刻能否依某授权使用某目录的某些信息项 / one check: may this staff member of this operator use these items of this entry under this authorization now?',
})
export class OperationUseCheckInput {
  @Field(() => ID, { description: '运营主体ID / the operator' })
  operatorId!: string;

  @Field(() => ID, { description: '工作人员ID / the staff member' })
  staffId!: string;

  @Field(() => ID, { description: '数据使用授权ID / the authorization' })
  authorizationId!: string;

  @Field(() => ID, { description: '目录ID / the catalog entry' })
  resourceId!: string;

  @Field(() => [String], { description: '信息项名称（至多100项）/ item names, at most 100' })
  @Bound({ maxItems: 100 })
  items!: string[];
}

@ObjectType('OperationUseCheck', { description: '一项核验的结论，附其核验内容 / the answer to one check, with the check it answers [OPR-4]' })
export class OperationUseCheck {
  @Field(() => ID)
  operatorId!: string;

  @Field(() => ID, { description: '被核验的工作人员（操作可追溯到人）/ the staff member checked: the person the use is attributed to [D §17 (一)]' })
  staffId!: string;

  @Field(() => ID)
  authorizationId!: string;

  @Field(() => ID)
  resourceId!: string;

  @Field(() => [String])
  items!: string[];

  @Field({ description: '是否允许 / allowed or not' })
  allowed!: boolean;

  @Field(() => OperationUseDecisionEnum, { description: '结论 / the decision' })
  decision!: OperationUseDecision;

  @Field({ description: '说明 / why' })
  message!: string;
}

/** The operator of `id` on this node, or NOT_FOUND. */
async function localOperator(ctx: SubgraphContext, id: string): Promise<Operator> {
  const ref = parseId(id);
  const op = ref && ctx.node.regions.includes(ref.region) ? await ctx.em.findOne(Operator, { id }) : null;
  if (!op) throw notFound('授权运营主体 / operator', id);
  return op;
}

async function localTransfer(ctx: SubgraphContext, id: string): Promise<OperationDataTransfer> {
  const ref = parseId(id);
  const t = ref && ctx.node.regions.includes(ref.region) ? await ctx.em.findOne(OperationDataTransfer, { id }) : null;
  if (!t || !canSeeInsidePlatform(ctx.actor, ctx.node, t)) throw notFound('导入导出申请 / data transfer request', id);
  return t;
}

const NOT_THE_OPERATOR = '只有运营主体本身（在授权期内且未被暂停）可以办理 / only the operator itself, in force and not suspended, may do this [D §17, D §28]';

const OperatorStaffConnection = connectionType(
  OperatorStaff,
  'OperatorStaffMember',
  '加工处理工作人员列表（跨平台合并，最新在前）/ a page of processing staff, merged across platforms, newest first',
);
const OperationDataTransferConnection = connectionType(
  OperationDataTransfer,
  'OperationDataTransfer',
  '导入导出申请列表（跨平台合并，最新在前）/ a page of import and export requests, merged across platforms, newest first',
);

@InputType({ description: '导入导出申请的筛选条件 / filters on import and export requests' })
export class OperationDataTransferFilter {
  @Field(() => DataTransferStatusEnum, { nullable: true, description: '状态：PENDING 为待审核 / status; PENDING: waiting for the authority' })
  status?: DataTransferStatus | null;

  @Field(() => DataTransferDirectionEnum, { nullable: true, description: '导入或导出 / import or export' })
  direction?: DataTransferDirection | null;

  @Field(() => ID, { nullable: true, description: '只列出该运营主体的 / only this operator’s' })
  operatorId?: string | null;
}

@Resolver()
export class OperatorStaffResolver {
  @Query(() => OperatorStaffConnection, {
    description:
      '加工处理工作人员列表：运营主体看到本主体的，数据主管部门和审计人员看到所辖区域的；读取留痕 / processing staff: an operator its own, authorities and auditors those of their regions; reads audited [D §17 (一), D §24-25]',
  })
  async operatorStaff(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('operatorId', () => ID, { nullable: true, description: '只列出该运营主体的 / only this operator’s' }) operatorId?: string | null,
    @Arg('status', () => OperatorStaffStatusEnum, { nullable: true, description: '备案状态 / status' }) status?: OperatorStaffStatus | null,
  ): Promise<Page<OperatorStaff>> {
    const where: FilterQuery<OperatorStaff>[] = [];
    if (operatorId) where.push({ operatorId });
    if (status) where.push({ status });
    return readsOf(
      ctx,
      'OperatorStaffMember',
      await listPage(ctx, OperatorStaff, { visible: insidePlatformFilter(ctx.actor, ctx.node) as FilterQuery<OperatorStaff> | null, scope, where, page }),
    );
  }

  @Query(() => OperationDataTransferConnection, {
    description:
      '导入导出申请列表：运营主体看到本主体的，数据主管部门和审计人员看到所辖区域的；status: PENDING 为待审核的 / import and export requests: an operator its own, authorities and auditors those of their regions; `status: PENDING` is the review desk’s list; reads audited [D §17 (三), D §21]',
  })
  async operationDataTransfers(
    @Ctx() ctx: SubgraphContext,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => OperationDataTransferFilter, { nullable: true, description: '筛选条件 / filters' }) filter?: OperationDataTransferFilter | null,
  ): Promise<Page<OperationDataTransfer>> {
    const where: FilterQuery<OperationDataTransfer>[] = [];
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.direction) where.push({ direction: filter.direction });
    if (filter?.operatorId) where.push({ operatorId: filter.operatorId });
    return readsOf(
      ctx,
      'OperationDataTransfer',
      await listPage(ctx, OperationDataTransfer, { visible: insidePlatformFilter(ctx.actor, ctx.node) as FilterQuery<OperationDataTransfer> | null, scope, where, page }),
    );
  }

  @Query(() => OperatorStaff, {
    nullable: true,
    description:
      '按ID查询加工处理工作人员（运营主体本身、所在区域的数据主管部门和审计人员；读取留痕）/ a staff member by ID: the operator itself, the authorities and auditors of its region; reads audited [D §17]',
  })
  async operatorStaffMember(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OperatorStaff | null> {
    const s = parseId(id) ? await ctx.em.findOne(OperatorStaff, { id }) : null;
    return s && canSeeInsidePlatform(ctx.actor, ctx.node, s) ? readOf(ctx, 'OperatorStaffMember', s) : null;
  }

  @Query(() => OperationDataTransfer, {
    nullable: true,
    description:
      '按ID查询导入导出申请（运营主体本身、所在区域的数据主管部门和审计人员；读取留痕）/ an import or export request by ID: the operator itself, the authorities and auditors of its region; reads audited [D §17, D §21]',
  })
  async operationDataTransfer(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<OperationDataTransfer | null> {
    const t = parseId(id) ? await ctx.em.findOne(OperationDataTransfer, { id }) : null;
    return t && canSeeInsidePlatform(ctx.actor, ctx.node, t) ? readOf(ctx, 'OperationDataTransfer', t) : null;
  }

  @Mutation(() => OperatorStaff, {
    description:
      '运营主体实名备案加工处理工作人员：身份证号校验，须已签订保密协议；同一人在同一运营主体只能备案一次（CONFLICT）/ the operator registers a processing staff member by real name: citizen ID checked, a confidentiality agreement signed; one registration per person and operator (a second is a CONFLICT) [D §17 (一)]',
  })
  async registerOperatorStaff(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '运营主体ID / the operator' }) id: string,
    @Arg('input') input: RegisterOperatorStaffInput,
  ): Promise<OperatorStaff> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const today = todayInChina();
    const record = checkStaff(input, today);
    const op = await localOperator(ctx, id);
    if (!canManageInsidePlatform(actor, op, today)) throw forbidden(NOT_THE_OPERATOR);
    const where = { operatorId: op.id, identifierHash: record.identifierHash, status: 'ACTIVE' as const };
    const duplicate = () => conflict('此人已在该运营主体备案 / this person is already registered with this operator [D §17 (一)]');
    if (await ctx.em.count(OperatorStaff, where)) throw duplicate();
    return mutate(ctx, 'operation', async (em) => {
      if (await em.count(OperatorStaff, where)) throw duplicate();
      const s = em.create(OperatorStaff, { ...newOwned(op.regionCode), operatorId: op.id, organizationId: op.organizationId, ...record, status: 'ACTIVE' });
      return {
        result: s,
        audit: {
          action: 'operatorStaff.register',
          entityType: 'OperatorStaff',
          entityId: s.id,
          data: {
            operatorId: op.id,
            citizenIdMasked: s.citizenIdMasked,
            confidentialityAgreementNo: s.confidentialityAgreementNo,
            confidentialitySignedOn: s.confidentialitySignedOn,
          },
        },
      };
    });
  }

  @Mutation(() => OperatorStaff, {
    description:
      '运营主体注销工作人员备案，此后其使用核验答 STAFF_NOT_REGISTERED / the operator deregisters a staff member: its use checks answer STAFF_NOT_REGISTERED from then on [D §17 (一)]',
  })
  async deregisterOperatorStaff(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '工作人员ID / the staff member' }) id: string,
    @Arg('reason', { description: '注销原因 / why' }) @FreeText reason: string,
  ): Promise<OperatorStaff> {
    const actor = requireActor(ctx);
    assertKnownIdRegion(id, 'id');
    const why = requiredText(reason, 'reason', '注销原因', 'the reason');
    const ref = parseId(id);
    const s = ref && ctx.node.regions.includes(ref.region) ? await ctx.em.findOne(OperatorStaff, { id }) : null;
    if (!s || !canSeeInsidePlatform(actor, ctx.node, s)) throw notFound('工作人员 / staff member', id);
    const today = todayInChina();
    const op = await localOperator(ctx, s.operatorId);
    if (!canManageInsidePlatform(actor, op, today)) throw forbidden(NOT_THE_OPERATOR);
    if (s.status !== 'ACTIVE') throw conflict('该工作人员已注销 / this staff member is already deregistered');
    return mutate(ctx, 'operation', async (em) => {
      const row = await em.findOneOrFail(OperatorStaff, { id, status: 'ACTIVE' }, { failHandler: () => conflict('该工作人员已注销 / this staff member is already deregistered') });
      Object.assign(row, { status: 'DEREGISTERED', deregisteredOn: today, deregistrationReason: why });
      return { result: row, audit: { action: 'operatorStaff.deregister', entityType: 'OperatorStaff', entityId: row.id, data: { operatorId: row.operatorId, reason: why } } };
    });
  }

  @Mutation(() => OperationDataTransfer, {
    description:
      '运营主体申请导入合规获取的社会数据，待数据主管部门审核批准（PENDING）/ the operator asks to import lawfully obtained outside (social) data; PENDING until the data authority approves [D §17 (三), D §5 (二)]',
  })
  requestDataImport(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '运营主体ID / the operator' }) id: string,
    @Arg('input') input: DataTransferInput,
  ): Promise<OperationDataTransfer> {
    return requestTransfer(ctx, 'IMPORT', id, input);
  }

  @Mutation(() => OperationDataTransfer, {
    description:
      '运营主体申请导出由授权数据加工形成的结果，待数据主管部门审核（PENDING）；原始数据不得导出 / the operator asks to export a result derived from authorized data; PENDING until the data authority reviews it; raw data never leaves [D §5 (一), D §21]',
  })
  requestDataExport(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID, { description: '运营主体ID / the operator' }) id: string,
    @Arg('input') input: DataTransferInput,
  ): Promise<OperationDataTransfer> {
    return requestTransfer(ctx, 'EXPORT', id, input);
  }

  @Mutation(() => OperationDataTransfer, {
    description: '数据主管部门审核导入申请：批准或不批准（须说明理由）/ the data authority decides an import: approve, or refuse with a reason [D §17 (三)]',
  })
  decideDataImport(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('approve') approve: boolean,
    @Arg('reason', () => String, { nullable: true, description: '审核意见（不批准时必填）/ reason, required for a refusal' }) @FreeText reason?: string | null,
  ): Promise<OperationDataTransfer> {
    return decideTransfer(ctx, 'IMPORT', id, approve, reason);
  }

  @Mutation(() => OperationDataTransfer, {
    description: '数据主管部门审核导出申请：批准或不批准（须说明理由）/ the data authority reviews an export: approve, or refuse with a reason [D §5 (一), D §21]',
  })
  decideDataExport(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('approve') approve: boolean,
    @Arg('reason', () => String, { nullable: true, description: '审核意见（不批准时必填）/ reason, required for a refusal' }) @FreeText reason?: string | null,
  ): Promise<OperationDataTransfer> {
    return decideTransfer(ctx, 'EXPORT', id, approve, reason);
  }

  @Query(() => [OperationUseCheck], {
    description:
      '批量核验（供数据服务调用）：某运营主体的某工作人员此刻能否依某授权使用某目录的某些信息项。每个平台回答其运营主体的各项，运营主体、工作人员、授权各一批一次查询；运营主体本身、所在区域的数据主管部门和审计人员、数据服务（SYSTEM）可调用 / batched checks for the data plane: may staff member P of operator O use items Y of entry Z under authorization A now? Each platform answers the checks of its own operators, one statement per table per batch; callable by the operator itself, the authorities and auditors of its region, and the data plane (SYSTEM) [OPR-4, D §15, D §17, D §28]',
  })
  async operationUseChecks(
    @Ctx() ctx: SubgraphContext,
    @Arg('checks', () => [OperationUseCheckInput], { description: `至多${MAX_USE_CHECKS}项 / at most ${MAX_USE_CHECKS} checks` })
    @Bound({ maxItems: MAX_USE_CHECKS })
    checks: OperationUseCheckInput[],
  ): Promise<OperationUseCheck[]> {
    const actor = requireActor(ctx);
    for (const [i, c] of checks.entries()) assertKnownIdRegion(c.operatorId, `checks.${i}.operatorId`);
    // The gateway sends the batch to every platform; each answers for the operators it holds (their staff and authorizations live with them).
    const mine = checks.filter((c) => (parseId(c.operatorId) ? ctx.peers.nodeOfId(c.operatorId) : ctx.peers.root)?.name === ctx.node.name);
    const ids = (pick: (c: OperationUseCheckInput) => string) => [...new Set(mine.map(pick).filter((id) => parseId(id)))];
    const none = mine.length === 0;
    const ops = none ? [] : await ctx.em.find(Operator, { id: { $in: ids((c) => c.operatorId) } });
    const staff = none ? [] : await ctx.em.find(OperatorStaff, { id: { $in: ids((c) => c.staffId) } });
    const auths = none ? [] : await ctx.em.find(OperationAuthorization, { id: { $in: ids((c) => c.authorizationId) } });
    const opById = new Map(ops.map((o) => [o.id, o]));
    const staffById = new Map(staff.map((s) => [s.id, s]));
    const authById = new Map(auths.map((a) => [a.id, a]));
    const today = todayInChina();
    for (const c of mine) {
      const op = opById.get(c.operatorId);
      if (op && !canCheckUse(actor, ctx.node, op)) {
        throw forbidden(
          '只有运营主体本身、所在区域的数据主管部门和审计人员及数据服务可以核验 / only the operator itself, the authorities and auditors of its region and the data plane may check its uses [OPR-4]',
        );
      }
    }
    // Each authorization consulted is a read of non-public data: the log shows who checked whose uses [D §24-25].
    for (const a of auths) readOf(ctx, 'OperationAuthorization', a);
    return mine.map((c) => {
      const op = opById.get(c.operatorId) ?? null;
      const s = staffById.get(c.staffId) ?? null;
      const a = authById.get(c.authorizationId) ?? null;
      const j = judgeUse(op && { id: op.id, inGoodStanding: operatorInGoodStanding(op, today) }, s, a && authorizationOf(a), c.resourceId, c.items, today);
      return Object.assign(new OperationUseCheck(), { ...c, items: [...c.items], ...j });
    });
  }
}

async function requestTransfer(ctx: SubgraphContext, direction: DataTransferDirection, id: string, input: DataTransferInput): Promise<OperationDataTransfer> {
  const actor = requireActor(ctx);
  assertKnownIdRegion(id, 'id');
  assertKnownIdRegion(input.authorizationId, 'input.authorizationId');
  const fields = checkTransfer(direction, input);
  const today = todayInChina();
  const op = await localOperator(ctx, id);
  if (!canManageInsidePlatform(actor, op, today)) throw forbidden(NOT_THE_OPERATOR);
  const a = await ctx.em.findOne(OperationAuthorization, { id: input.authorizationId, operatorId: op.id });
  if (!a) throw notFound('该运营主体的数据使用授权 / authorization of this operator', input.authorizationId);
  checkAuthorizationInForce(authorizationOf(a), op, today);
  return mutate(ctx, 'operation', async (em) => {
    const t = em.create(OperationDataTransfer, {
      ...newOwned(op.regionCode),
      operatorId: op.id,
      organizationId: op.organizationId,
      direction,
      authorizationId: a.id,
      ...fields,
      status: 'PENDING',
    });
    return {
      result: t,
      audit: {
        action: direction === 'IMPORT' ? 'operationDataTransfer.requestImport' : 'operationDataTransfer.requestExport',
        entityType: 'OperationDataTransfer',
        entityId: t.id,
        data: { operatorId: op.id, authorizationId: a.id },
      },
    };
  });
}

async function decideTransfer(
  ctx: SubgraphContext,
  direction: DataTransferDirection,
  id: string,
  approve: boolean,
  reason: string | null | undefined,
): Promise<OperationDataTransfer> {
  const actor = requireActor(ctx);
  assertKnownIdRegion(id, 'id');
  const why = checkDecisionReason(approve, reason);
  const t = await localTransfer(ctx, id);
  if (t.direction !== direction) throw notFound(direction === 'IMPORT' ? '导入申请 / import request' : '导出申请 / export request', id);
  if (!canDecideTransfer(actor, ctx.node, t))
    throw forbidden('只有运营主体所在区域的数据主管部门可以审核 / only the data authority of the operator’s region decides [D §17 (三), D §21]');
  const decided = () => conflict('该申请已审核 / this request is already decided');
  if (t.status !== 'PENDING') throw decided();
  const today = todayInChina();
  if (approve) {
    // Approved only while the authorization it rests on is still in force: it may have ended, or its operator been suspended, since the request.
    const [a, op] = await Promise.all([ctx.em.findOneOrFail(OperationAuthorization, { id: t.authorizationId }), ctx.em.findOneOrFail(Operator, { id: t.operatorId })]);
    checkAuthorizationInForce(authorizationOf(a), op, today);
  }
  return mutate(ctx, 'operation', async (em) => {
    const row = await em.findOneOrFail(OperationDataTransfer, { id, status: 'PENDING' }, { failHandler: decided });
    Object.assign(row, { status: approve ? 'APPROVED' : 'REFUSED', decisionReason: why, decidedOn: today });
    return {
      result: row,
      audit: { action: 'operationDataTransfer.decide', entityType: 'OperationDataTransfer', entityId: row.id, data: { direction, approve, reason: why } },
    };
  });
}
