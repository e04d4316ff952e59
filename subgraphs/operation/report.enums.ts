import { defineEnum } from '../kit/server/enums.js';

export const OPERATOR_REPORT_KINDS = ['PERIODIC', 'ANNUAL'] as const;
export type OperatorReportKind = (typeof OPERATOR_REPORT_KINDS)[number];

export const OperatorReportKindEnum = defineEnum(OPERATOR_REPORT_KINDS, {
  name: 'OperatorReportKind',
  description: '授权运营报告的种类 / kind of operation report [D §20]',
  valuesConfig: {
    PERIODIC: { description: '定期报告（本平台按季度，按授权期限计）/ periodic report (here quarterly, counted from the start of the term)' },
    ANNUAL: { description: '年度报告（按协议年度）/ annual report (per agreement year)' },
  },
});
