import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { getRegion } from '../../schema/regions.js';
import type { SubgraphContext } from '../kit/server/context.js';
import { connectionType, PageArgs, pageInfoOf, RegionScopeInput } from '../kit/server/pagination.js';
import { DataFormatEnum, LibraryEnum, OpenAttributeEnum, ResourceStatusEnum, SecurityGradeEnum, ShareAttributeEnum, UpdateFrequencyEnum } from './enums.js';
import { Organization } from './organization.entity.js';
import { organizationLoader } from './organization.loader.js';
import { Region } from './region.type.js';
import { DataResource } from './resource.entity.js';
import { DataResourceFilter } from './resource.inputs.js';
import { readResource } from './resource.audit.js';
import { searchCatalog, type Bucket, type CatalogSearch } from './search/index.js';

const DataResourceConnection = connectionType(
  DataResource,
  'DataResource',
  '目录条目列表（跨平台合并为一个有序列表）/ a page of catalog entries, merged across platforms into one ordered list',
  {
    totalCount:
      '符合条件且调用者可见的总数，跨平台时为各平台之和。每个平台在上限（默认 1000 条）以内精确计数；超过上限时该平台的部分为按随机抽样估算的值（不小于上限加一），此时 totalCountIsExact 为 false；需要精确数时传 exactCount: true / ' +
      'total matching entries the caller may see, summed over the platforms. Each platform counts exactly up to a bound (1,000 by default); beyond it, its part is an estimate from a random sample of its entries (never below the bound plus one) and totalCountIsExact is false. Pass exactCount: true for the exact number',
    totalCountIsExact:
      'totalCount 是否为精确数：任一平台超过计数上限而给出估计值时为 false / whether totalCount is exact: false when any platform had more matches than the bound and gave an estimate',
  },
);

const COUNTED =
  '统计范围为当前检索的全部结果（含关键词和全部筛选条件，不限于本页），按数量从多到少排列 / counts over the whole current result set (keyword and every filter applied, not just this page), largest first';

/** One facet list per filter: the values present in the result set and how many entries have each. */
function facetType(name: string, valueType: () => object, what: string) {
  @ObjectType(name, { description: `${what}分面：取值及条目数 / ${name.replace(/Facet$/, '')} facet: a value and its number of entries` })
  class Facet {
    @Field(valueType, { description: '取值 / the value' })
    value!: string;

    @Field(() => Int, { description: '条目数 / number of entries with this value' })
    count!: number;
  }
  return Facet;
}

const ShareAttributeFacet = facetType('ShareAttributeFacet', () => ShareAttributeEnum, '共享属性');
const OpenAttributeFacet = facetType('OpenAttributeFacet', () => OpenAttributeEnum, '开放属性');
const SecurityGradeFacet = facetType('SecurityGradeFacet', () => SecurityGradeEnum, '数据分级');
const LibraryFacet = facetType('LibraryFacet', () => LibraryEnum, '所属资源库');
const DataFormatFacet = facetType('DataFormatFacet', () => DataFormatEnum, '资源格式');
const UpdateFrequencyFacet = facetType('UpdateFrequencyFacet', () => UpdateFrequencyEnum, '更新周期');
const ResourceStatusFacet = facetType('ResourceStatusFacet', () => ResourceStatusEnum, '状态');

@ObjectType('ProviderFacet', { description: '提供部门分面 / provider facet: an organization and its number of entries' })
class ProviderFacet {
  @Field(() => ID, { description: '提供部门ID，可作为 filter.providerId / the provider ID, usable as filter.providerId' })
  value!: string;

  @Field(() => Int, { description: '条目数 / number of entries' })
  count!: number;

  @Field(() => Organization, { nullable: true, description: '提供部门 / the organization' })
  provider!: Promise<Organization | null>;
}

@ObjectType('RegionFacet', { description: '行政区划分面 / region facet: an owning region and its number of entries' })
class RegionFacet {
  @Field({ description: '行政区划代码，可作为 scope.regionCode / the region code, usable as scope.regionCode' })
  value!: string;

  @Field(() => Int, { description: '条目数 / number of entries' })
  count!: number;

  @Field(() => Region, { nullable: true, description: '行政区划 / the region' })
  region!: Region | null;
}

@ObjectType('DataResourceFacets', { description: `检索结果的分面计数 / facet counts of a search. ${COUNTED}` })
class DataResourceFacets {
  @Field({
    description:
      '各计数是否为精确数。任一平台的结果超过计数上限时为 false：该平台的各计数按随机抽样的比例估算并缩放到其估计总数，不低于其前若干条结果中的实际数；抽样未遇到的少见取值可能缺失。exactCount: true 时总是精确 / ' +
      "whether the counts are exact. False when any platform had more matches than the count bound: that platform's counts are then estimated from a random sample of its entries, scaled to its estimated total, never below how often the value occurs among its first matches; a rare value the sample missed may be absent. Always exact with exactCount: true",
  })
  countsAreExact!: boolean;

  @Field(() => [ShareAttributeFacet], { description: '按共享属性 / by share attribute' }) shareAttribute!: Bucket[];
  @Field(() => [OpenAttributeFacet], { description: '按开放属性 / by open attribute' }) openAttribute!: Bucket[];
  @Field(() => [SecurityGradeFacet], { description: '按数据分级 / by security grade' }) securityGrade!: Bucket[];
  @Field(() => [LibraryFacet], { description: '按所属资源库 / by library' }) library!: Bucket[];
  @Field(() => [DataFormatFacet], { description: '按资源格式 / by format' }) format!: Bucket[];
  @Field(() => [UpdateFrequencyFacet], { description: '按更新周期 / by update frequency' }) updateFrequency!: Bucket[];
  @Field(() => [ResourceStatusFacet], { description: '按状态 / by status' }) status!: Bucket[];
  @Field(() => [ProviderFacet], { description: '按提供部门 / by provider' }) provider!: ProviderFacet[];
  @Field(() => [RegionFacet], { description: '按所属行政区划 / by owning region' }) region!: RegionFacet[];
}

/** Fields the client selected on the returned connection, through fragments too. */
function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) names.add(s.name.value);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else visit(info.fragments[s.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}

const SEARCH = Symbol('search');

@Resolver(() => DataResourceConnection)
export class DataResourceSearchResolver {
  @Query(() => DataResourceConnection, {
    description:
      '检索数据目录：全部平台合并为一个列表。有关键词时名称与关键词完全相同的在前，其次名称包含关键词的，再次仅摘要或信息项名称包含的，同级最新在前；无关键词时最新在前 / ' +
      'search the catalog: all platforms as one list. With a keyword: entries named exactly the keyword first, then those whose name contains it, then those where only the summary or an item name does, newest first within each; without one, newest first [CAT-8]',
  })
  async dataResources(
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Args() page: PageArgs,
    @Arg('scope', () => RegionScopeInput, { nullable: true, description: '区域范围；不填为全部平台 / region scope; all platforms when omitted' }) scope?: RegionScopeInput | null,
    @Arg('filter', () => DataResourceFilter, { nullable: true }) filter?: DataResourceFilter | null,
    @Arg('exactCount', {
      defaultValue: false,
      description:
        '为 true 时 totalCount 与分面计数均为精确数（读取全部结果，结果多时较慢，仍受语句超时限制）；默认在上限以内精确、超过上限时估计 / ' +
        'true: totalCount and the facet counts are exact (every match is read: slower for frequent terms, still within the statement timeout); by default they are exact up to a bound and estimated beyond',
    })
    exactCount: boolean = false,
  ) {
    const selected = selectedFields(info);
    const search = await searchCatalog(ctx, {
      filter,
      scope,
      first: page.first,
      after: page.after,
      exactCount,
      wants: { count: selected.has('totalCount') || selected.has('totalCountIsExact'), facets: selected.has('facets') },
    });
    for (const e of search.edges) readResource(ctx, e.node);
    return {
      edges: search.edges,
      pageInfo: pageInfoOf(search.edges, search.hasNextPage, search.hasBefore),
      get totalCount() {
        return search.count().then((c) => c.count);
      },
      get totalCountIsExact() {
        return search.count().then((c) => c.exact);
      },
      [SEARCH]: search,
    };
  }

  @FieldResolver(() => DataResourceFacets, {
    description:
      '分面计数：统计当前检索的全部结果（含关键词和全部筛选条件，不限于本页），跨平台时为各平台之和；仅在选择时计算 / ' +
      'facet counts over the whole current result set (keyword and every filter applied, not just this page), summed over the platforms; computed only when selected',
  })
  async facets(@Root() connection: { [SEARCH]: CatalogSearch }, @Ctx() ctx: SubgraphContext): Promise<DataResourceFacets> {
    const { lists, exact } = await connection[SEARCH].facets();
    const organizations = organizationLoader(ctx);
    return {
      countsAreExact: exact,
      ...lists,
      provider: lists.provider.map(
        (b) =>
          ({
            ...b,
            get provider() {
              return organizations.load(b.value);
            },
          }) satisfies ProviderFacet,
      ),
      region: lists.region.map((b) => {
        const info = getRegion(b.value);
        return { ...b, region: info ? Region.from(info) : null };
      }),
    };
  }
}
