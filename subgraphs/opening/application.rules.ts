import { requiredText as filingText } from './filing.rules.js';
import { addDays } from '../kit/rules/calendar.js';
import { badInput, conflict } from '../kit/server/errors.js';
import type { OpenAgreementClauseKind, OpenAgreementStatus, OpenApplicationStatus, OpenDatasetAccessLevel, OpenDatasetStatus, StoredOpenAgreementStatus } from './enums.js';
import { OPEN_AGREEMENT_CLAUSES } from './enums.js';

/**
 * Applications for restricted open data and the agreements they yield [OPN-3, Z §15-17, J §19],
 * as pure rules: what an application must show, who may be refused and why, the agreement's
 * clauses and term.
 */

/** Long enough to describe a scenario or a capability, short enough for a form. */
export const APPLICATION_TEXT_MAX = 2000;

/** A term runs whole months; three years at most, as the longest term the demo's agreements use. */
export const TERM_MONTHS_MIN = 1;
export const TERM_MONTHS_MAX = 36;

/** Required free text, trimmed and bounded, refused naming `field`. */
export const requiredText = (value: string | null | undefined, field: string, zh: string, en: string): string => filingText(value, field, zh, en, APPLICATION_TEXT_MAX);

/**
 * Only an OPEN dataset of RESTRICTED data is applied for: UNCONDITIONAL data is open to everyone
 * without one [Z §14, Z §27], and a dataset outside the open catalog cannot be obtained at all.
 */
export function checkApplicable(d: { openAttribute: OpenDatasetAccessLevel; status: OpenDatasetStatus }): void {
  if (d.status !== 'OPEN') {
    throw conflict(`该数据集当前为 ${d.status}，未向社会开放，不能申请 / this dataset is ${d.status}, not open to the public, so it cannot be applied for [Z §10, Z §35]`);
  }
  if (d.openAttribute !== 'RESTRICTED') {
    throw badInput(
      '该数据集为无条件开放数据，任何人可直接获取，无需申请 / this dataset is UNCONDITIONAL open data: anyone obtains it directly, with no application; apply only for RESTRICTED datasets [Z §14, Z §16, Z §27]',
      'id',
    );
  }
}

/** One open request per user and dataset: a pending application, or an agreement in force, answers it already. */
export function checkNoOpenRequest(pending: number, inForce: number): void {
  if (pending > 0) {
    throw conflict('您对该数据集已有待审核的申请，请等待审核结果或先撤回 / you already have a pending application for this dataset: wait for its decision or withdraw it first');
  }
  if (inForce > 0) {
    throw conflict('您已持有该数据集有效期内的开放利用协议，无需再次申请 / you already hold an agreement in force for this dataset; apply again when it has ended [Z §17]');
  }
}

/** A decision or withdrawal acts on a pending application, once. */
export function checkPending(a: { status: OpenApplicationStatus }): void {
  if (a.status !== 'PENDING') {
    throw conflict(`该申请当前为 ${a.status}，已不在待审核状态 / this application is ${a.status}, no longer pending: it cannot be decided or withdrawn again`);
  }
}

/** The term asked for: whole months within the bounds. */
export function checkTermMonths(months: number, field = 'input.termMonths'): number {
  if (!Number.isInteger(months) || months < TERM_MONTHS_MIN || months > TERM_MONTHS_MAX) {
    throw badInput(
      `协议期限应为 ${TERM_MONTHS_MIN} 至 ${TERM_MONTHS_MAX} 个月的整数 / the term must be a whole number of months between ${TERM_MONTHS_MIN} and ${TERM_MONTHS_MAX}, not ${months} [Z §17]`,
      field,
    );
  }
  return months;
}

/**
 * The first and last day (both inclusive, YYYY-MM-DD) of a term of `months` starting on `start`:
 * the day before the same day `months` later; a start with no such day that month (31 January + 1)
 * ends on that month's last day.
 */
export function agreementTerm(start: string, months: number): { termStart: string; termEnd: string } {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const anniversary = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay)));
  const end = d > lastDay ? anniversary.toISOString().slice(0, 10) : addDays(anniversary.toISOString().slice(0, 10), -1);
  return { termStart: start, termEnd: end };
}

/** An agreement gives access while ACTIVE and `today` lies within its term [Z §17]. */
export function inForce(g: { status: StoredOpenAgreementStatus; termStart: string; termEnd: string }, today: string): boolean {
  return g.status === 'ACTIVE' && g.termStart <= today && today <= g.termEnd;
}

/** The status shown: an ACTIVE agreement past its last day is EXPIRED. */
export function agreementStatus(g: { status: StoredOpenAgreementStatus; termEnd: string }, today: string): OpenAgreementStatus {
  return g.status === 'ACTIVE' && g.termEnd < today ? 'EXPIRED' : g.status;
}

/** The six contents of Z §17 ¶1, worded for the agreement. */
export const AGREEMENT_CLAUSE_TEXTS: Record<OpenAgreementClauseKind, { article: string; text: string }> = {
  USE_FEEDBACK: {
    article: 'Z §17 (一)',
    text: '利用主体应当向开放主体反馈数据利用情况，并对数据开放情况进行评价 / the user reports to the opening agency how it uses the data, and evaluates the opening',
  },
  NO_USE_BEYOND_SCOPE: {
    article: 'Z §17 (二)',
    text: '未经同意，利用主体不得将获取的公共数据用于约定利用范围之外的其他用途 / without consent, the user uses the data for nothing beyond the agreed scope',
  },
  NO_REDISTRIBUTION: {
    article: 'Z §17 (三)',
    text: '未经同意，利用主体不得传播所获取的公共数据 / without consent, the user neither redistributes nor transfers the data',
  },
  CITE_SOURCE: {
    article: 'Z §17 (四)',
    text: '利用主体在发表论文、申请专利、出版作品、申请软件著作权和开发应用产品时，应当注明参考引用的公共数据 / the user cites the public data in papers, patent and software-copyright applications, publications and products',
  },
  SECURITY_DUTIES: {
    article: 'Z §17 (五)',
    text: '利用主体应当履行安全职责，具备数据利用安全能力并落实保障措施 / the user fulfils its security duties, keeps the security capability it declared and the safeguards it stated',
  },
  ACCEPT_INSPECTION: {
    article: 'Z §17 (六)',
    text: '利用主体应当接受公共数据利用安全监督检查 / the user accepts supervision and inspection of the security of its use',
  },
};

/** Every agreement carries all six, in the article's order. */
export const agreementClauses = (): OpenAgreementClauseKind[] => [...OPEN_AGREEMENT_CLAUSES];

/**
 * Grounds Z §16 forbids as conditions of access ("不得设定歧视性条件"): the applicant's region or
 * locality, its ownership type, its size, being an individual, and personal traits. A refusal
 * must rest on what the application shows (scenario, storage, processing and security capability,
 * credit level [Z §16 ¶3]), so a reason that names one of these grounds is refused.
 *
 * A heuristic, by vocabulary: it catches a reason that says "外地企业" or "individuals are not
 * eligible", not one that hides a ground in other words, and it lets "个人信息" (personal
 * information, a capability matter) through. docs/rules.md says so.
 */
const DISCRIMINATORY_GROUNDS: { ground: string; patterns: RegExp[] }[] = [
  {
    ground: '地域或户籍 / region, locality or residence',
    patterns: [
      /外地|本地|非本(地|市|省|区|县)|外省|外市|外县|省外|市外|县外|区外|户籍|籍贯|地域|注册地|所在地|属地/,
      /\b(non-?local|local (firms?|companies|residents?|applicants?)|out[- ]of[- ](town|province|city|county|region)|locality|hukou|household registration|place of registration|registered (elsewhere|outside)|region(al)? of (the )?applicant|applicant'?s? (region|province|city|hometown))\b/i,
    ],
  },
  {
    ground: '所有制 / ownership type',
    patterns: [
      /所有制|民营|私营|私有|国有|国企|外资|外商|合资|港澳台资|集体企业/,
      /\b(ownership|privately[- ]owned|private (company|companies|enterprises?|firms?|sector)|state[- ]owned|foreign[- ](owned|invested|funded)|joint venture)\b/i,
    ],
  },
  {
    ground: '规模 / size',
    patterns: [
      /规模|小微|中小|微型|注册资本|注册资金|营业收入|营收|员工人数|职工人数|人员规模|成立(时间|年限)不足/,
      /\b((company|enterprise|organi[sz]ation|applicant'?s?) size|size of the (applicant|company|enterprise|organi[sz]ation)|small(er)? (and medium|business(es)?|firms?|companies|enterprises?)|micro[- ]?(enterprises?|business(es)?)|sme|registered capital|revenue|turnover|headcount|number of (employees|staff)|too small|years in business)\b/i,
    ],
  },
  {
    ground: '个人身份 / being an individual',
    patterns: [
      /个人(?!信息|隐私|数据|敏感)|自然人|个体(户|工商户)?|非(单位|机构|法人)/,
      /\b(individuals?|natural persons?|private persons?|sole (traders?|proprietors?)|not an? (organi[sz]ation|company|institution|legal person))\b/i,
    ],
  },
  {
    ground: '性别、民族、年龄、宗教 / sex, ethnicity, age or religion',
    patterns: [/性别|民族|年龄|宗教|信仰/, /\b(gender|sex|ethnic(ity)?|race|age|too (young|old)|religio(n|us))\b/i],
  },
];

/** The discriminatory ground a reason names, or null [Z §16]. */
export function discriminatoryGround(reason: string): string | null {
  for (const g of DISCRIMINATORY_GROUNDS) if (g.patterns.some((p) => p.test(reason))) return g.ground;
  return null;
}

/** A rejection gives a reason, and not a discriminatory condition [Z §16]. */
export function checkRejectionReason(reason: string | null | undefined, field = 'reason'): string {
  const text = requiredText(reason, field, '驳回理由', 'the reason for the rejection');
  const ground = discriminatoryGround(text);
  if (ground) {
    throw badInput(
      `驳回理由不得设定歧视性条件（${ground.split(' / ')[0]}）：请依据申请所示的应用场景、存储、处理、安全保护能力或信用等级说明理由 / a rejection may not rest on a discriminatory condition (${ground.split(' / ')[1]}): give a reason about what the application shows — the scenario, the storage, processing or security capability, or the credit level [Z §16]`,
      field,
    );
  }
  return text;
}
