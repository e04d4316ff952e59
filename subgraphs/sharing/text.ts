import { badInput } from '../kit/server/errors.js';
import { blank } from '../kit/rules/validation.js';

/** Item names as given, trimmed and once each; at least one (minimum necessary names them) [B §26, J §17]. */
export function cleanItems(names: string[], field: string): string[] {
  const items = [...new Set(names.map((n) => n.trim()).filter((n) => n))];
  if (items.length === 0) throw badInput('至少列出一个信息项 / name at least one data item (itemNames)', field);
  return items;
}

/** A required free text, trimmed; a blank one is refused naming the field and the article that asks for it. */
export function requiredText(value: string | null | undefined, field: string, zh: string, article: string): string {
  if (blank(value)) throw badInput(`${zh}不能为空 / ${field.replace(/^input\./, '')} is required ${article}`, field);
  return value!.trim();
}
