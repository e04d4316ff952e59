import { defineEnum } from '../kit/server/enums.js';

/** OPEN is the status the kit's overdue rule reads (kit/rules/deadlines.ts): a deadline set and no answer yet. */
export const GOVERNANCE_FEEDBACK_STATUSES = ['FILED', 'OPEN', 'ANSWERED'] as const;
export type GovernanceFeedbackStatus = (typeof GOVERNANCE_FEEDBACK_STATUSES)[number];

export const GovernanceFeedbackStatusEnum = defineEnum(GOVERNANCE_FEEDBACK_STATUSES, {
  name: 'GovernanceFeedbackStatus',
  description: '数据治理需求的处理状态 / status of a governance feedback item [D §16]',
  valuesConfig: {
    FILED: { description: '运营主体已反馈，待数据主管部门规定治理期限 / filed by the operator; the authority has not set a deadline yet' },
    OPEN: { description: '已规定期限，待数据提供单位完成治理 / deadline set; the providing agency has not answered yet' },
    ANSWERED: { description: '数据提供单位已完成治理并答复 / the providing agency answered with what it fixed' },
  },
});
