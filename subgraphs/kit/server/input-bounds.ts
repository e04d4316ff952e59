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
import { getMetadataStorage } from 'type-graphql';
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

export const DEFAULT_MAX: Record<TextKind, number> = { code: 64, line: 200, text: 2000 };
export const DEFAULT_MAX_ITEMS = 100;

// biome-ignore lint/complexity/noBannedTypes: type-graphql's metadata names classes (resolvers, input types) as Function
type Class = Function;

/** A bound declared with `Bound`: on a property of a class, or on a parameter of a method. */
interface Declared {
  target: Class;
  key: string;
  index?: number;
  bound: InputBound;
}
const declared: Declared[] = [];

/**
 * The bound of an input that differs from the defaults (an ID, date or cursor is a code of 64,
 * any other string one line of 200, a list takes 100 entries), declared beside it: on a field of
 * an input type (inherited fields included) or of an `@ArgsType`, or on a root field's argument
 * next to its `@Arg`:
 *
 *   @Field() @Bound({ kind: 'code', max: 32 }) creditCode!: string;
 *   rejectShareRequest(@Arg('reason') @FreeText reason: string)
 *
 * The kit keeps them itself: type-graphql has no extensions for an `@Arg` and drops them from
 * inherited input fields.
 */
export function Bound(bound: InputBound): PropertyDecorator & ParameterDecorator {
  return (prototype: object, key: string | symbol | undefined, index?: number) => {
    declared.push({ target: prototype.constructor, key: String(key), index, bound });
  };
}

/** The common bound: free text (descriptions, reasons, comments) of up to 2,000 characters. */
export const FreeText = Bound({ kind: 'text' });

const isOrExtends = (sub: Class, base: Class) => sub === base || Object.prototype.isPrototypeOf.call(base, sub);

/** The bound declared on property `name` of `cls` or of the nearest class it extends that declares one. */
function propertyBound(cls: Class, name: string): Declared | undefined {
  return declared.filter((d) => d.index === undefined && d.key === name && isOrExtends(cls, d.target)).sort((a, b) => (isOrExtends(a.target, b.target) ? -1 : 1))[0];
}

/** Where each input field and root argument of a schema finds its declared bound. */
interface Declarations {
  /** By input type name and field. */
  field(type: string, field: string): InputBound | undefined;
  /** By schema coordinate `Query.field(arg:)`. */
  args: Map<string, InputBound>;
}

const coordinateOf = (root: string, field: string, arg: string) => `${root}.${field}(${arg}:)`;

/**
 * The bounds declared for the inputs of the queries and mutations of `resolvers`. A bound that no
 * input of them takes — on a property that is not a field, or on a parameter that is not an
 * argument of a query or mutation — is a start-up error: it would otherwise check nothing.
 */
function declarationsOf(resolvers: readonly Class[]): Declarations {
  const storage = getMetadataStorage();
  const ours = (target: Class) => resolvers.some((r) => isOrExtends(r, target));
  const roots = [...storage.queries.map((h) => ['Query', h] as const), ...storage.mutations.map((h) => ['Mutation', h] as const)];
  const handlers = roots.filter(([, h]) => ours(h.target));
  const paramsOf = (h: { target: Class; methodName: string }) => storage.params.filter((m) => m.target === h.target && m.methodName === h.methodName);
  const fieldsOf = (cls: Class) => storage.fields.filter((f) => isOrExtends(cls, f.target));
  // The input classes these root fields take, nested ones included, by type name (another subgraph may have a class of the same name).
  const inputName = new Map(storage.inputTypes.map((t) => [t.target, t.name]));
  const inputClasses = new Map<string, Class>();
  const reach = (type: unknown) => {
    const name = typeof type === 'function' ? inputName.get(type) : undefined;
    if (!name || inputClasses.has(name)) return;
    inputClasses.set(name, type as Class);
    for (const f of fieldsOf(type as Class)) reach(f.getType());
  };
  for (const [, h] of handlers) {
    for (const p of paramsOf(h)) {
      if (p.kind === 'arg') reach(p.getType());
      else if (p.kind === 'args') for (const f of fieldsOf(p.getType() as Class)) reach(f.getType());
    }
  }
  const isField = (d: Declared) => storage.fields.some((f) => f.target === d.target && f.name === d.key);
  for (const d of declared) {
    const ofSchema = d.index === undefined && [...inputClasses.values()].some((cls) => isOrExtends(cls, d.target));
    if (ofSchema && !isField(d)) throw new Error(`@Bound on ${d.target.name}.${d.key}, which is not a GraphQL field (@Field): it would bound nothing`);
  }
  const args = new Map<string, InputBound>();
  for (const [root, h] of handlers) {
    for (const p of paramsOf(h)) {
      if (p.kind === 'arg') {
        const d = declared.find((x) => x.target === h.target && x.key === h.methodName && x.index === p.index);
        if (d) args.set(coordinateOf(root, h.schemaName, p.name), d.bound);
      } else if (p.kind === 'args') {
        // An @ArgsType's fields are arguments of the root field, each with its own bound.
        const argsClass = p.getType() as Class;
        for (const f of fieldsOf(argsClass)) {
          const d = propertyBound(argsClass, f.name);
          if (d) args.set(coordinateOf(root, h.schemaName, f.schemaName), d.bound);
        }
      }
    }
  }
  for (const d of declared) {
    if (d.index === undefined || !ours(d.target)) continue;
    const param = storage.params.find((m) => m.target === d.target && m.methodName === d.key && m.index === d.index);
    const root = roots.some(([, h]) => h.target === d.target && h.methodName === d.key);
    if (!root || param?.kind !== 'arg') {
      throw new Error(`@Bound on parameter ${d.index} of ${d.target.name}.${d.key}, which is not an @Arg of a query or mutation: it would bound nothing`);
    }
  }
  return {
    field: (type, field) => {
      const cls = inputClasses.get(type);
      return cls ? propertyBound(cls, field)?.bound : undefined;
    },
    args,
  };
}

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
  declarations: Declarations;
  cache: Map<string, Check>;
  inputs: BoundedInput[];
}

/** What the bound of an input field or argument can say of its type: a list its length, a string its kind and length. */
function checkFits(coordinate: string, type: GraphQLInputType, bound: InputBound | undefined): void {
  if (!bound) return;
  const list = isListType(getNullableType(type));
  const leaf = getNamedType(type);
  const text = isScalarType(leaf) && !['Int', 'Float', 'Boolean'].includes(leaf.name);
  if ((bound.maxItems !== undefined && !list) || ((bound.kind !== undefined || bound.max !== undefined) && !text)) {
    throw new Error(`the bound ${JSON.stringify(bound)} of ${coordinate} (${String(type)}) does not fit its type: maxItems bounds a list, kind and max a string`);
  }
}

function resolveBound(coordinate: string, name: string, type: GraphQLInputType, explicit: InputBound | undefined, plan: Plan): Leaf {
  checkFits(coordinate, type, explicit);
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
      const fieldLeaf = resolveBound(`${inner.name}.${f.name}`, f.name, f.type, plan.declarations.field(inner.name, f.name), plan);
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
 * (so before any SQL). Field names in errors are paths such as `input.items.3.name`. `schema` is
 * type-graphql's, built from `resolvers`, whose inputs carry the bounds (`Bound`).
 */
export function inputBoundsPlan(schema: GraphQLSchema, resolvers: readonly Class[]): InputBoundsPlan {
  const plan: Plan = { declarations: declarationsOf(resolvers), cache: new Map(), inputs: [] };
  const checks = { Query: {}, Mutation: {} } as InputBoundsPlan['checks'];
  for (const root of ['Query', 'Mutation'] as const) {
    const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
    if (!type) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const args = field.args.map((a: GraphQLArgument) => {
        const coordinate = coordinateOf(root, field.name, a.name);
        const leaf = resolveBound(coordinate, a.name, a.type, plan.declarations.args.get(coordinate), plan);
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
  return { checks, inputs: plan.inputs };
}
