import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from './errors.js';
import { checkLocalDate, LocalDate } from './scalars.js';

/**
 * What a text input is, which decides the characters it may hold:
 * - `code`: identifiers and codes (IDs, region, credit, resource and category codes, ID numbers,
 *   agreement numbers, dates, cursors): no white space, no control, format (zero-width, bidi),
 *   private-use or unassigned characters.
 * - `line`: one line of text (names, titles, short answers): no control characters, no line or
 *   paragraph separators, no bidi overrides or isolates.
 * - `text`: free text (descriptions, reasons, comments): no control characters except tab, line
 *   feed and carriage return.
 * Every kind refuses lone surrogates (text that is not well-formed Unicode).
 */
export type TextKind = 'code' | 'line' | 'text';

export interface InputBound {
  kind?: TextKind;
  /** Maximum length in characters (code points). */
  max?: number;
  /** Maximum number of entries, for a list. */
  maxItems?: number;
}

/**
 * Bounds that differ from the defaults, keyed by schema coordinate: `Type.field` for a field of
 * an input type, `Mutation.field(arg:)` / `Query.field(arg:)` for an argument of a root field.
 */
export type InputBounds = Record<string, InputBound>;

export const DEFAULT_MAX: Record<TextKind, number> = { code: 64, line: 200, text: 2000 };
export const DEFAULT_MAX_ITEMS = 100;

/** The same field bounds for several input types (e.g. the create and update inputs of an entity). */
export function boundsOf(types: string[], fields: InputBounds): InputBounds {
  return Object.fromEntries(types.flatMap((type) => Object.entries(fields).map(([field, bound]) => [`${type}.${field}`, bound])));
}

/** Bounds of the kit's own input types, which every subgraph shares. */
const KIT_BOUNDS: InputBounds = {
  'RegionScopeInput.regionCode': { kind: 'code', max: 12 },
};

interface Leaf {
  kind: TextKind;
  max: number;
  maxItems: number;
}

/** A leaf without an explicit bound: IDs, dates and cursors are codes; any other string is one line. */
function defaultBound(name: string, type: GraphQLInputType): InputBound {
  const named = getNamedType(type);
  if (named.name === 'ID' || named.name === LocalDate.name) return { kind: 'code' };
  if (name === 'after') return { kind: 'code', max: 512 };
  return { kind: 'line' };
}

/** Every input field and argument of a schema with its resulting bound. */
export interface BoundedInput extends Leaf {
  coordinate: string;
  type: string;
}

interface Plan {
  bounds: InputBounds;
  used: Set<string>;
  cache: Map<string, Check>;
  inputs: BoundedInput[];
}

function resolveBound(coordinate: string, name: string, type: GraphQLInputType, plan: Plan): Leaf {
  const explicit = plan.bounds[coordinate];
  if (explicit) plan.used.add(coordinate);
  const merged = { ...defaultBound(name, type), ...explicit };
  const kind = merged.kind ?? 'line';
  const leaf = { kind, max: merged.max ?? DEFAULT_MAX[kind], maxItems: merged.maxItems ?? DEFAULT_MAX_ITEMS };
  plan.inputs.push({ coordinate, type: String(type), ...leaf });
  return leaf;
}

// Characters per kind (Unicode properties, so the rule holds for every script).
const CODE_REFUSED = /[\s\p{C}\p{Z}]/u;
const LINE_REFUSED = /[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}]/u;
const TEXT_REFUSED = /[^\P{Cc}\t\n\r]/u;

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function codePoints(s: string): number {
  let n = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for (const _ of s) n += 1;
  return n;
}

function checkString(value: string, leaf: Leaf, field: string): void {
  // A string of more than 2·max UTF-16 units has more than max code points: no need to count it.
  if (value.length > leaf.max) {
    const n = value.length > 2 * leaf.max ? undefined : codePoints(value);
    if (n === undefined || n > leaf.max) {
      throw badInput(
        `${field} 过长${n === undefined ? '' : `（${n} 个字）`}，最多 ${leaf.max} 个字 / ${field} is too long${n === undefined ? '' : ` (${n} characters)`}: at most ${leaf.max} characters`,
        field,
        { maxLength: leaf.max },
      );
    }
  }
  if (!value.isWellFormed()) {
    throw badInput(`${field} 含有无效的 Unicode 字符（孤立代理项）/ ${field} is not valid Unicode (it contains a lone surrogate)`, field);
  }
  const refused = (leaf.kind === 'code' ? CODE_REFUSED : leaf.kind === 'line' ? LINE_REFUSED : TEXT_REFUSED).exec(value);
  if (!refused) return;
  const ch = refused[0];
  const position = codePoints(value.slice(0, refused.index)) + 1;
  const what =
    leaf.kind === 'code'
      ? ['不得含有空白、控制或不可见的格式字符', 'must not contain white space, control or invisible format characters']
      : leaf.kind === 'line'
        ? ['须为单行文字，不得含有控制字符、换行或文字方向控制符', 'must be one line without control, line-break or text-direction characters']
        : ['不得含有控制字符（制表符和换行除外）', 'must not contain control characters (tab and line breaks are allowed)'];
  throw badInput(`${field} ${what[0]}：第 ${position} 个字是 ${hex(ch)} / ${field} ${what[1]}: character ${position} is ${hex(ch)}`, field, { position });
}

type Check = (value: unknown, path: string) => void;

/** A checker for a value of `type`, built once per schema (input types can be recursive, hence the cache). */
function checkerFor(type: GraphQLInputType, leaf: Leaf, plan: Plan): Check {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const element = checkerFor(inner.ofType, leaf, plan);
    return (value, path) => {
      if (!Array.isArray(value)) return element(value, path);
      if (value.length > leaf.maxItems) {
        throw badInput(`${path} 最多 ${leaf.maxItems} 项，收到 ${value.length} 项 / ${path} takes at most ${leaf.maxItems} entries, got ${value.length}`, path, {
          maxItems: leaf.maxItems,
        });
      }
      for (const [i, v] of value.entries()) element(v, `${path}.${i}`);
    };
  }
  if (isInputObjectType(inner)) {
    const cached = plan.cache.get(inner.name);
    if (cached) return cached;
    const fields: [string, Check][] = [];
    const check: Check = (value, path) => {
      if (value === null || typeof value !== 'object') return;
      for (const [name, c] of fields) {
        const v = (value as Record<string, unknown>)[name];
        if (v !== undefined && v !== null) c(v, `${path}.${name}`);
      }
    };
    plan.cache.set(inner.name, check);
    for (const f of Object.values(inner.getFields()) as GraphQLInputField[]) {
      const fieldLeaf = resolveBound(`${inner.name}.${f.name}`, f.name, f.type, plan);
      fields.push([f.name, checkerFor(f.type, fieldLeaf, plan)]);
    }
    return check;
  }
  if (isEnumType(inner) || (isScalarType(inner) && ['Int', 'Float', 'Boolean'].includes(inner.name))) return () => {};
  // The scalar lets any value through (kit/server/scalars.ts): its format is checked here, naming the field.
  if (isScalarType(inner) && inner.name === LocalDate.name) return (value, path) => checkLocalDate(value, path);
  return (value, path) => {
    if (typeof value === 'string') checkString(value, leaf, path);
  };
}

export type ArgsCheck = (args: Record<string, unknown>) => void;

export interface InputBoundsPlan {
  /** Per root type and field, the check of its arguments. */
  checks: Record<'Query' | 'Mutation', Record<string, ArgsCheck>>;
  inputs: BoundedInput[];
}

/**
 * For every root field, a check of its arguments against their bounds, run before the resolver
 * (so before any SQL). Field names in errors are paths such as `input.items.3.name`.
 */
export function inputBoundsPlan(schema: GraphQLSchema, subgraphBounds: InputBounds = {}): InputBoundsPlan {
  const plan: Plan = { bounds: { ...KIT_BOUNDS, ...subgraphBounds }, used: new Set(), cache: new Map(), inputs: [] };
  const checks = { Query: {}, Mutation: {} } as InputBoundsPlan['checks'];
  for (const root of ['Query', 'Mutation'] as const) {
    const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
    if (!type) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const args = field.args.map((a: GraphQLArgument) => {
        const leaf = resolveBound(`${root}.${field.name}(${a.name}:)`, a.name, a.type, plan);
        return [a.name, checkerFor(a.type, leaf, plan)] as const;
      });
      if (args.length === 0) continue;
      checks[root][field.name] = (values) => {
        for (const [name, check] of args) {
          const v = values[name];
          if (v !== undefined && v !== null) check(v, name);
        }
      };
    }
  }
  const unknown = Object.keys(subgraphBounds).filter((k) => !plan.used.has(k));
  if (unknown.length) throw new Error(`input bounds name no input field or argument of the schema: ${unknown.join(', ')}`);
  return { checks, inputs: plan.inputs };
}
