import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The catalog's entities as every other subgraph declares them: by their key alone, under the
 * catalog's GraphQL name and description (composition wants one text for each), and with no
 * table. The catalog's own types take their descriptions from here too.
 *
 * Each subgraph makes its own classes (`<subgraph>/foreign.ts`) rather than sharing one:
 * type-graphql keeps on a class the fields its field resolvers add, across every schema built in
 * the process (the tests, `npm start` and `npm run compose` build all four), so a shared class
 * would carry sharing's fields into opening's schema.
 */

/** Every owned row's ID, wherever a type declares it. */
export const GLOBAL_ID_DESCRIPTION = '全局ID（内含所属区域）/ global ID (owner region inside)';

/** The catalog's types other subgraphs extend, by GraphQL name. */
export const CATALOG_TYPE_DESCRIPTIONS = {
  DataResource: '数据资源目录条目 / a catalog entry (信息资源) [B §17, Z §10]',
  Organization: '机构：政府部门、公共服务运营单位或企业 / an organization: agency, public-service operator or enterprise',
  Region: '行政区划 / administrative division (GB/T 2260)',
} as const;

export const REGION_CODE_DESCRIPTION = '六位行政区划代码 / six-digit code, e.g. 331100';

/** A catalog entity keyed by its global ID (`DataResource`, `Organization`), as one subgraph sees it. */
export function catalogEntityRef(name: 'DataResource' | 'Organization') {
  @Directive('@key(fields: "id")')
  @ObjectType(name, { description: CATALOG_TYPE_DESCRIPTIONS[name] })
  class CatalogEntityRef {
    @Field(() => ID, { description: GLOBAL_ID_DESCRIPTION })
    id!: string;
  }
  return CatalogEntityRef;
}

/** A region keyed by its code, as one subgraph sees it. */
export function regionRef() {
  @Directive('@key(fields: "code")')
  @ObjectType('Region', { description: CATALOG_TYPE_DESCRIPTIONS.Region })
  class RegionRef {
    @Field({ description: REGION_CODE_DESCRIPTION })
    code!: string;
  }
  return RegionRef;
}
