import { badInput, conflict } from '../kit/server/errors.js';
import { requiredText } from './authorization.rules.js';
import { authorizationOf, uncoveredReason, type UncoveredReason } from './authorization.rules.js';
import type { OperationAuthorization } from './authorization.entity.js';
import type { StoredSource } from './product.entity.js';
import type { DataProductKind, DataProductStatus, DataProductUse } from './product.enums.js';

/**
 * Data products [OPR-5, D §3, D §21] and their pricing [OPR-6, B §35, J §21, J §23, D §18] as pure
 * rules: a product is built on granted authorizations of its operator, whose entries are its
 * sources; it is free under a stated condition for public governance and welfare, paid within the
 * government-guided range of its kind for industry; the authority reviews it before release.
 */

export const PRODUCT_NAME_MAX = 200;
export const MAX_PRODUCT_AUTHORIZATIONS = 20;
/** The highest price or range bound, in fen: 10 million yuan, well inside GraphQL's Int. */
export const MAX_PRICE_FEN = 1_000_000_000;

export const FREE_USES: readonly DataProductUse[] = ['PUBLIC_GOVERNANCE', 'PUBLIC_WELFARE'];

/** The authorizations named: at least one, each once. */
export function checkAuthorizationIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids.map((i) => i.trim()))].filter(Boolean);
  if (unique.length === 0) {
    throw badInput('请列出数据产品所依据的数据使用授权，至少一项 / name at least one authorization the product is built on [D §21]', 'input.authorizationIds');
  }
  if (unique.length > MAX_PRODUCT_AUTHORIZATIONS) {
    throw badInput(`所依据的授权不能超过 ${MAX_PRODUCT_AUTHORIZATIONS} 项 / at most ${MAX_PRODUCT_AUTHORIZATIONS} authorizations`, 'input.authorizationIds');
  }
  return unique;
}

const fen = (n: number) => `${(n / 100).toFixed(2)}`;

export interface PricedUse {
  use: DataProductUse;
  useCondition: string | null;
  priceFen: number;
}

/**
 * Free uses (public governance, public welfare) are free under conditions (有条件无偿使用): a
 * condition stated, no price [B §35]. Industry use is paid (有偿使用) at a price the guided range
 * then bounds [B §35, J §23].
 */
export function checkUse(use: DataProductUse, condition: string | null | undefined, price: number | null | undefined): PricedUse {
  if (FREE_USES.includes(use)) {
    const useCondition = requiredText(condition, 'input.useCondition', '无偿使用的条件', 'the condition of free use (useCondition)');
    if (price != null && price !== 0) {
      throw badInput(
        `用于公共治理、公益事业的数据产品无偿使用，价格须为 0 或不填，收到 ${price} / a ${use} product is free: price must be 0 or absent, got ${price} [B §35]`,
        'input.price',
      );
    }
    return { use, useCondition, priceFen: 0 };
  }
  if (condition?.trim()) {
    throw badInput('产业用途的数据产品有偿使用，不填无偿使用条件 / an INDUSTRY product is paid: give no useCondition [B §35]', 'input.useCondition');
  }
  if (price == null || !Number.isInteger(price) || price <= 0 || price > MAX_PRICE_FEN) {
    throw badInput(
      `产业用途的数据产品按政府指导价有偿使用，请给出价格（分，1 到 ${MAX_PRICE_FEN}），收到 ${price ?? '空'} / an INDUSTRY product is paid at the guided price: give price in fen, 1 to ${MAX_PRICE_FEN}, got ${price ?? 'none'} [B §35, J §23]`,
      'input.price',
    );
  }
  return { use, useCondition: null, priceFen: price };
}

export interface GuidedRange {
  id: string;
  kind: DataProductKind;
  minFen: number;
  maxFen: number;
  basis: string;
}

export const describeRange = (r: Pick<GuidedRange, 'minFen' | 'maxFen' | 'basis'>) => `${fen(r.minFen)}–${fen(r.maxFen)} 元 / yuan (${r.basis})`;

/** An INDUSTRY price falls within the guided range its region's authority set for its kind; with no range set it cannot be priced [J §23, D §18]. */
export function checkGuidedPrice(kind: DataProductKind, regionCode: string, priceFen: number, range: GuidedRange | null): void {
  if (!range) {
    throw conflict(
      `区域 ${regionCode} 的数据主管部门尚未规定 ${kind} 类产品的政府指导价区间，须先由其设定（setGuidedPriceRange）/ the data authority of region ${regionCode} has set no guided price range for ${kind} products: it must set one (setGuidedPriceRange) before such a product is priced [J §23, D §18]`,
    );
  }
  if (priceFen < range.minFen || priceFen > range.maxFen) {
    throw badInput(
      `价格 ${fen(priceFen)} 元超出政府指导价区间 ${describeRange(range)} / price ${fen(priceFen)} yuan is outside the guided range ${describeRange(range)} [J §23, D §18]`,
      'input.price',
    );
  }
}

/** A guided range: bounds in fen, min ≤ max, with its basis. */
export function checkRange(minFen: number, maxFen: number, basis: string | null | undefined): { minFen: number; maxFen: number; basis: string } {
  for (const [v, field] of [
    [minFen, 'input.min'],
    [maxFen, 'input.max'],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > MAX_PRICE_FEN)
      throw badInput(`${field} 须为 0 到 ${MAX_PRICE_FEN} 的整数（分），收到 ${v} / ${field} must be an integer in fen, 0 to ${MAX_PRICE_FEN}, got ${v}`, field);
  }
  if (minFen > maxFen) throw badInput(`最低价 ${minFen} 高于最高价 ${maxFen} / min ${minFen} is above max ${maxFen}`, 'input.min');
  return { minFen, maxFen, basis: requiredText(basis, 'input.basis', '定价依据', 'basis') };
}

const UNCOVERED: Record<UncoveredReason, string> = {
  NOT_GRANTED: '未获授权 / is not GRANTED',
  NOT_YET_VALID: '尚未生效 / is not yet in force',
  EXPIRED: '已到期 / has expired',
  ENTRY_NOT_GRANTED: '未授权该条目 / does not grant the entry',
  ITEMS_NOT_GRANTED: '未授权这些数据项 / does not grant these items',
};

type AuthorizationRow = Pick<OperationAuthorization, 'id' | 'operatorId' | 'status' | 'grantedOn' | 'validUntil' | 'entries'>;

/**
 * The product's sources: the entries and items of its authorizations, each of which must be
 * GRANTED to this operator, in force today and cover at least one entry [D §14-15, D §21].
 */
export function sourcesOf(operatorId: string, ids: readonly string[], found: readonly AuthorizationRow[], today: string): StoredSource[] {
  const sources: StoredSource[] = [];
  for (const id of ids) {
    const a = found.find((f) => f.id === id);
    if (!a || a.operatorId !== operatorId) {
      throw badInput(`没有该运营主体的数据使用授权 ${id} / ${id} is not an authorization of this operator`, 'input.authorizationIds');
    }
    const auth = authorizationOf(a);
    const first = auth.grants[0];
    const reason = first ? uncoveredReason(auth, first.resourceId, first.items, today) : 'NOT_GRANTED';
    if (reason) throw badInput(`数据使用授权 ${id} ${UNCOVERED[reason]} [D §14-15]`, 'input.authorizationIds');
    for (const g of auth.grants) sources.push({ authorizationId: id, resourceId: g.resourceId, providerId: g.providerId, items: g.items });
  }
  return sources;
}

/** The authority reviews once, a product under review; refusing needs a reason [D §21]. */
export function checkReview(status: DataProductStatus, approve: boolean, reason: string | null | undefined): string | null {
  if (status !== 'UNDER_REVIEW') throw conflict(`该数据产品当前为 ${status}，不在审核中 / the product is ${status}, not UNDER_REVIEW [D §21]`);
  if (approve) return reason == null || !reason.trim() ? null : requiredText(reason, 'reason', '审核意见', 'reason');
  return requiredText(reason, 'reason', '不予通过的理由', 'the reason for refusing');
}
