import { ArrayType, Entity, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Owned } from '../kit/server/owned.js';
import { DataProductKindEnum, DataProductStatusEnum, DataProductUseEnum, type DataProductKind, type DataProductStatus, type DataProductUse } from './product.enums.js';

/** One source of a product: a catalog entry and the items granted of it, through which authorization. */
export interface StoredSource {
  authorizationId: string;
  resourceId: string;
  providerId: string;
  items: string[];
}

@ObjectType('DataProductSource', {
  description: '数据产品的来源：授权及其授权的目录条目和数据项 / a source of a product: the authorization, the entry and the items it grants [D §21]',
})
export class DataProductSource {
  @Field(() => ID, { description: '数据使用授权ID / the authorization' })
  authorizationId!: string;

  @Field(() => ID, { description: '目录条目ID / the catalog entry' })
  resourceId!: string;

  @Field(() => ID, { description: '数据提供单位ID / the providing agency' })
  providerId!: string;

  @Field(() => [String], { description: '授权的数据项 / the items granted' })
  items!: string[];
}

/**
 * A public data product an operator built from its authorized data (D §3), reviewed by the data
 * authority before release [OPR-5, D §21], with its use and price [OPR-6, B §35, J §23]. It lives
 * with the operator's record, on the operator's node; `resourceIds` copies its sources' entries so
 * a catalog event on one of them finds the products built on it (catalog-events.ts).
 */
@Entity({ tableName: 'data_product' })
@ObjectType('DataProduct', {
  description:
    '公共数据产品：运营主体利用授权数据加工形成，经数据主管部门审核后发布，公开其来源 / a public data product an operator built from authorized data, released after the data authority’s review, its sources public [OPR-5, D §3, D §21]',
})
export class DataProduct extends Owned {
  @Property({ type: 'text' })
  @Field(() => ID, { description: '运营主体（其运营协议）/ the operator (its agreement)' })
  operatorId!: string;

  @Property({ type: 'text' })
  organizationId!: string;

  @Property({ type: 'text' })
  @Field({ description: '产品名称 / name' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => DataProductKindEnum, { description: '产品形态 / kind [D §3]' })
  kind!: DataProductKind;

  @Property({ type: 'text' })
  @Field({ description: '产品说明 / what it offers' })
  description!: string;

  @Property({ type: ArrayType })
  @Field(() => [ID], { description: '所依据的数据使用授权 / the authorizations it is built on' })
  authorizationIds!: string[];

  @Property({ type: ArrayType })
  resourceIds!: string[];

  @Property({ type: 'json' })
  sources!: StoredSource[];

  @Property({ type: 'text' })
  @Field(() => DataProductUseEnum, { description: '用途 / use [B §35]' })
  use!: DataProductUse;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '无偿使用的条件（公共治理、公益事业用途）/ the conditions of free use, for public governance or welfare [B §35]' })
  useCondition!: string | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '价格（分；无偿为 0）/ price in fen (0.01 yuan); 0 when free [J §23, D §18]' })
  priceFen!: number;

  /** The guided range the price was checked against when proposed (GuidedPriceRange id), null for free products. */
  @Property({ type: 'text', nullable: true })
  guidedRangeId!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '价格所依据的政府指导价区间 / the government-guided range the price falls in, with its basis [J §23]' })
  guidedRange!: string | null;

  @Property({ type: 'text' })
  @Field(() => DataProductStatusEnum, { description: '状态 / status' })
  status!: DataProductStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审核不予通过或暂停的理由 / why it was refused or suspended' })
  statusReason!: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '导致暂停的目录变更事件ID / the catalog event that suspended it' })
  catalogEventId!: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: '审核时间 / reviewed at' })
  reviewedAt!: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '最近修改时间 / last changed at' })
  updatedAt!: Date;
}

/**
 * The government-guided price range the data authority of a region sets for one kind of product
 * [OPR-6, J §23, D §18]: INDUSTRY products of that region's operators are priced within it.
 */
@Entity({ tableName: 'guided_price_range' })
@ObjectType('GuidedPriceRange', { description: '政府指导价区间（按产品形态，按区域）/ the government-guided price range of one kind of product in a region [J §23, D §18]' })
export class GuidedPriceRange extends Owned {
  @Property({ type: 'text' })
  @Field(() => DataProductKindEnum, { description: '产品形态 / kind' })
  kind!: DataProductKind;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '最低价（分）/ lowest price, in fen' })
  minFen!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '最高价（分）/ highest price, in fen' })
  maxFen!: number;

  @Property({ type: 'text' })
  @Field({ description: '定价依据 / the basis of the range' })
  basis!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '最近修改时间 / last changed at' })
  updatedAt!: Date;
}
