import { validateCitizenId } from '../kit/rules/citizen-id.js';
import { isCalendarDate } from '../kit/rules/calendar.js';
import { identifierHash, maskIdentifier } from '../kit/rules/identifier.js';
import { badInput } from '../kit/server/errors.js';
import { requiredText, uncoveredReason, type Authorization } from './authorization.rules.js';
import type { OperatorStaffStatus, OperationUseDecision } from './staff.enums.js';

/**
 * Inside the platform [OPR-4, D §5, D §15, D §17], as pure rules: staff registered by real name
 * under a confidentiality agreement, outside data brought in and results taken out only once the
 * authority agreed, and the one answer the data plane asks for every use.
 */

export const STAFF_LINE_MAX = 100;
/** Most checks one batch may carry. */
export const MAX_USE_CHECKS = 100;

export interface StaffShape {
  name: string;
  citizenId: string;
  role: string;
  confidentialityAgreementNo: string;
  confidentialitySignedOn: string;
}

export interface StaffRecord {
  name: string;
  identifierHash: string;
  citizenIdMasked: string;
  role: string;
  confidentialityAgreementNo: string;
  confidentialitySignedOn: string;
}

/** A staff registration: a real name, a valid citizen ID, a role and a confidentiality agreement signed by today [D §17 (一)]. */
export function checkStaff(input: StaffShape, today: string): StaffRecord {
  const name = requiredText(input.name, 'input.name', '真实姓名', 'the real name', STAFF_LINE_MAX);
  const citizenId = (input.citizenId ?? '').trim().toUpperCase();
  const check = validateCitizenId(citizenId);
  if (!check.ok) throw badInput(`身份证号无效：${check.reason} / the citizen ID is not valid: ${check.reason} [D §17 (一)]`, 'input.citizenId');
  const role = requiredText(input.role, 'input.role', '岗位', 'the role', STAFF_LINE_MAX);
  const confidentialityAgreementNo = requiredText(
    input.confidentialityAgreementNo,
    'input.confidentialityAgreementNo',
    '保密协议编号',
    'the confidentiality agreement number [D §17 (一)]',
    STAFF_LINE_MAX,
  );
  const signed = (input.confidentialitySignedOn ?? '').trim();
  if (!isCalendarDate(signed))
    throw badInput(`保密协议签订日期须为 YYYY-MM-DD，收到 ${signed} / the signing date must be YYYY-MM-DD, got ${signed}`, 'input.confidentialitySignedOn');
  if (signed > today) {
    throw badInput(
      `保密协议须在备案前签订，签订日期 ${signed} 晚于今天 / the agreement must be signed before registering: ${signed} is after today [D §17 (一)]`,
      'input.confidentialitySignedOn',
    );
  }
  return {
    name,
    identifierHash: staffIdentifierHash(citizenId),
    citizenIdMasked: maskIdentifier(citizenId),
    role,
    confidentialityAgreementNo,
    confidentialitySignedOn: signed,
  };
}

export const staffIdentifierHash = (citizenId: string): string => identifierHash('operation:operator-staff', citizenId);

export interface TransferShape {
  description: string;
  source?: string | null;
  purpose: string;
}

/** An import names the outside data, where it comes from and what for [D §17 (三)]; an export what leaves and what for [D §21]. */
export function checkTransfer(direction: 'IMPORT' | 'EXPORT', input: TransferShape): { description: string; source: string | null; purpose: string } {
  const description = requiredText(input.description, 'input.description', '数据内容描述', 'the description of the data');
  const source = direction === 'IMPORT' ? requiredText(input.source, 'input.source', '社会数据来源', 'where the outside data comes from [D §17 (三)]') : null;
  const purpose = requiredText(input.purpose, 'input.purpose', '用途', 'the purpose');
  return { description, source, purpose };
}

/** A refusal says why; an approval may [D §17 (三)]. */
export function checkDecisionReason(approve: boolean, reason: string | null | undefined): string | null {
  const text = (reason ?? '').trim();
  if (!approve && !text) throw badInput('不批准须说明理由 / a refusal needs a reason', 'reason');
  return text ? requiredText(text, 'reason', '审核意见', 'the reason') : null;
}

export interface UseJudgement {
  allowed: boolean;
  decision: OperationUseDecision;
  message: string;
}

const NOT_COVERING: Record<string, string> = {
  NOT_GRANTED: '授权尚未获准 / the authorization is not granted',
  NOT_YET_VALID: '授权尚未生效 / the authorization is not in force yet',
  EXPIRED: '授权已到期 / the authorization has expired',
  ENTRY_NOT_GRANTED: '授权不含该目录 / the authorization does not grant this entry',
  ITEMS_NOT_GRANTED: '授权不含全部所列信息项 / the authorization does not grant every item asked',
};

/**
 * May this staff member of this operator use these items of this entry under this authorization
 * today [OPR-4, D §15, D §17, D §28]? The operator first (in force, not suspended), then the person
 * (registered with that operator, not deregistered), then the authorization (that operator's,
 * covering exactly these items today).
 */
export function judgeUse(
  op: { id: string; inGoodStanding: boolean } | null,
  staff: { operatorId: string; status: OperatorStaffStatus } | null,
  auth: Authorization | null,
  resourceId: string,
  items: readonly string[],
  today: string,
): UseJudgement {
  const no = (decision: OperationUseDecision, message: string): UseJudgement => ({ allowed: false, decision, message });
  if (!op) return no('OPERATOR_NOT_FOUND', '运营主体不存在 / no such operator');
  if (!op.inGoodStanding) return no('OPERATOR_NOT_IN_GOOD_STANDING', '运营主体不在授权期内或已被暂停、撤回 / the operator is not in force, or suspended or revoked [D §11, D §28]');
  if (!staff || staff.operatorId !== op.id || staff.status !== 'ACTIVE') {
    return no('STAFF_NOT_REGISTERED', '该工作人员未以该运营主体名义实名备案或已注销 / the staff member is not registered with this operator [D §17 (一)]');
  }
  if (!auth || auth.operatorId !== op.id) return no('AUTHORIZATION_NOT_FOUND', '该运营主体没有此数据使用授权 / this operator holds no such authorization [D §13]');
  const reason = uncoveredReason(auth, resourceId, items, today);
  if (reason) return no('AUTHORIZATION_NOT_COVERING', `${NOT_COVERING[reason]} [D §14, D §15]`);
  return { allowed: true, decision: 'ALLOWED', message: '允许 / allowed' };
}
