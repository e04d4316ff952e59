import { parseId } from '../../schema/ids.js';
import { todayInChina } from '../kit/rules/calendar.js';
import { badInput } from '../kit/server/errors.js';

/**
 * Annual open plans (年度开放计划) [J §19], as pure rules: which years a plan may be filed for, what
 * its items must be, and how delivery is measured against it.
 */

/** One agency's entries for one year: enough for any bureau, bounded so a plan stays a plan. */
export const PLAN_ITEMS_MAX = 100;

/** The year in China (the plan's year is a calendar year there). */
export const yearInChina = (at: Date): number => Number(todayInChina(at).slice(0, 4));

/** A plan is filed for the current year or the next: a past year's plan can no longer guide opening [J §19]. */
export function checkPlanYear(year: number, now: Date): void {
  const current = yearInChina(now);
  if (!Number.isInteger(year) || year < current || year > current + 1) {
    throw badInput(`年度开放计划只能报送 ${current} 年或 ${current + 1} 年的 / a plan is filed for ${current} or ${current + 1}: set year to one of them [J §19]`, 'input.year');
  }
}

/**
 * The items: at least one, at most PLAN_ITEMS_MAX, each entry once, each in quarter 1-4, each an
 * entry of the agency's own region (an agency opens what it holds) [J §19, Z §11].
 */
export function checkPlanItems(items: readonly { resourceId: string; quarter: number }[], agencyRegion: string): void {
  if (items.length === 0) throw badInput('年度开放计划至少包括一个目录条目 / a plan names at least one catalog entry [J §19]', 'input.items');
  if (items.length > PLAN_ITEMS_MAX) throw badInput(`年度开放计划最多 ${PLAN_ITEMS_MAX} 项 / a plan has at most ${PLAN_ITEMS_MAX} items`, 'input.items');
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const field = `input.items.${i}`;
    const ref = parseId(item.resourceId);
    if (!ref) throw badInput(`${item.resourceId} 不是有效的目录条目ID / ${item.resourceId} is not a catalog entry ID: pass the id of a DataResource`, `${field}.resourceId`);
    if (ref.region !== agencyRegion)
      throw badInput(
        `目录条目 ${item.resourceId} 不属于本机构所在区域 ${agencyRegion} / entry ${item.resourceId} is not of the agency's region ${agencyRegion}: plan only entries the agency holds [Z §11]`,
        `${field}.resourceId`,
      );
    if (seen.has(item.resourceId)) throw badInput(`目录条目 ${item.resourceId} 重复 / entry ${item.resourceId} is listed twice: list each entry once`, `${field}.resourceId`);
    seen.add(item.resourceId);
    if (!Number.isInteger(item.quarter) || item.quarter < 1 || item.quarter > 4) throw badInput('季度须为 1 至 4 / quarter must be 1, 2, 3 or 4', `${field}.quarter`);
  });
}

/** The end of a quarter of a year, in China (UTC+8, no daylight saving). */
export function quarterEnd(year: number, quarter: number): Date {
  return new Date(Date.UTC(year, quarter * 3, 1) - 8 * 3600_000);
}

/**
 * Delivery of an item: its dataset first entered the open catalog within the plan's year (it may be
 * suspended or withdrawn since: what was planned was delivered); overdue once its quarter is over
 * and it is not delivered.
 */
export function itemDelivery(year: number, quarter: number, openedAt: Date | null, now: Date): { delivered: boolean; overdue: boolean } {
  const delivered = openedAt !== null && yearInChina(openedAt) === year;
  return { delivered, overdue: !delivered && now >= quarterEnd(year, quarter) };
}
