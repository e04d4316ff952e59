import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { isCalendarDate } from '../rules/calendar.js';
import { badInput } from './errors.js';

/**
 * `LocalDate` (graphql-scalars: a date without time zone, `YYYY-MM-DD`) for every date-only field
 * and argument; in TypeScript the value stays the string, as the `date` columns hold it. Answers
 * are checked by graphql-scalars. An input is taken as sent and checked by `checkLocalDate` in the
 * kit's argument check (kit/server/input-bounds.ts), before any resolver runs: there the error names the
 * field and says the format. Refused during coercion instead, it would be a request error without
 * the field, which the subgraph answers with HTTP 400 and the gateway takes for a node that
 * cannot answer (the gateway's own schema knows only the scalar's name, so it lets any value through).
 */
export const LocalDate = new GraphQLScalarType<string, string>({
  ...GraphQLLocalDate.toConfig(),
  description: '日期（不含时间和时区），格式 YYYY-MM-DD，例如 2025-01-31 / a date without time of day or time zone, written YYYY-MM-DD, e.g. 2025-01-31',
  parseValue: (value) => value as string,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables) as string,
});

/** A date-only input: a real calendar date written YYYY-MM-DD (2025-02-30 and 2025-2-3 are refused). */
export function checkLocalDate(value: unknown, field: string): void {
  if (typeof value === 'string' && isCalendarDate(value)) return;
  const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  throw badInput(`${field} 的值 ${shown} 不是有效日期，请使用 YYYY-MM-DD 格式，例如 2025-01-31 / ${field} ${shown} is not a valid date: use YYYY-MM-DD, e.g. 2025-01-31`, field);
}
