import type { OpenAttribute } from '../../schema/enums.js';
import { badInput } from '../kit/server/errors.js';
import type { DataItemInput } from './resource.inputs.js';
import type { DataResource } from './resource.entity.js';
import { blank } from '../kit/rules/validation.js';

export type ResourceState = Pick<
  DataResource,
  | 'code'
  | 'name'
  | 'summary'
  | 'library'
  | 'format'
  | 'updateFrequency'
  | 'securityGrade'
  | 'shareAttribute'
  | 'shareCondition'
  | 'shareReason'
  | 'shareMode'
  | 'legalBasis'
  | 'openAttribute'
  | 'openCondition'
  | 'sensitivities'
  | 'desensitized'
  | 'consentObtained'
>;

/**
 * The metadata rules of CAT-1 to CAT-4, checked on the state an entry would have after the
 * change. Each violation names the field and the rule, so the agency knows what to fix.
 */
export function validateResource(
  s: ResourceState,
  items: Pick<DataItemInput, 'name' | 'personalInfo'>[],
  before?: { openAttribute: OpenAttribute },
  openChangeReason?: string | null,
): void {
  for (const f of ['code', 'name', 'summary'] as const) {
    if (blank(s[f])) throw badInput(`${f} 不能为空 / ${f} is required [B §17]`, `input.${f}`);
  }
  for (const f of ['library', 'format', 'updateFrequency', 'securityGrade', 'shareAttribute', 'openAttribute'] as const) {
    if (!s[f]) throw badInput(`${f} 必须填写 / ${f} is required [B §17, Z §10]`, `input.${f}`);
  }
  if (items.length === 0) throw badInput('至少需要一个信息项 / an entry needs at least one data item [B §17]', 'input.items');
  const names = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (blank(item.name)) throw badInput(`第 ${i + 1} 个信息项缺少名称 / item ${i + 1} has no name`, `input.items.${i}.name`);
    if (names.has(item.name.trim())) throw badInput(`信息项 "${item.name}" 重复 / item "${item.name}" appears twice`, `input.items.${i}.name`);
    names.add(item.name.trim());
  }
  if (s.shareAttribute === 'CONDITIONAL') {
    if (blank(s.shareCondition)) throw badInput('有条件共享必须写明共享条件 / CONDITIONAL sharing needs the conditions (shareCondition) [J §17, B §23]', 'input.shareCondition');
    if (blank(s.shareReason)) throw badInput('有条件共享必须说明理由 / CONDITIONAL sharing needs a reason (shareReason) [J §17, B §23]', 'input.shareReason');
  }
  if (s.shareAttribute === 'NOT_SHARED' && blank(s.legalBasis)) {
    throw badInput(
      '不予共享必须提供法律、法规、规章或国家规定依据 / NOT_SHARED needs a legal basis (law, regulation, rule or national provision) [J §17, B §23, L §18]',
      'input.legalBasis',
    );
  }
  if (s.openAttribute !== 'PROHIBITED') {
    if (s.securityGrade === 'CORE' || s.securityGrade === 'IMPORTANT') {
      throw badInput(
        `${s.securityGrade === 'CORE' ? '核心' : '重要'}数据不得开放，开放属性应为 PROHIBITED / ${s.securityGrade} data can never be open: set openAttribute to PROHIBITED [J §7, Z §9]`,
        'input.openAttribute',
      );
    }
    const personal = items.some((i) => i.personalInfo);
    if ((s.sensitivities.length > 0 || personal) && !s.desensitized && !s.consentObtained) {
      throw badInput(
        '涉及国家秘密、商业秘密或个人隐私的数据不予开放，除非已脱敏或取得权利人同意 / data involving secrets or personal privacy must be PROHIBITED unless desensitized or consented (set desensitized or consentObtained) [Z §14, B §30]',
        'input.openAttribute',
      );
    }
    if (s.openAttribute === 'RESTRICTED' && blank(s.openCondition)) {
      throw badInput('受限开放必须写明开放条件 / RESTRICTED opening needs the conditions (openCondition) [Z §15]', 'input.openCondition');
    }
  }
  if (before?.openAttribute === 'UNCONDITIONAL' && s.openAttribute === 'RESTRICTED' && blank(openChangeReason)) {
    throw badInput('无条件开放改为受限开放须报备理由 / changing UNCONDITIONAL open data to RESTRICTED needs a filed reason (openChangeReason) [Z §15]', 'input.openChangeReason');
  }
}
