import { Directive, Field, ObjectType } from 'type-graphql';
import type { RegionInfo, RegionLevel } from '../../schema/regions.js';

@Directive('@key(fields: "code")')
@ObjectType('Region', { description: '行政区划 / administrative division (GB/T 2260)' })
export class Region {
  @Field({ description: '六位行政区划代码 / six-digit code, e.g. 331100' })
  code!: string;

  @Field({ description: '名称 / name, e.g. 丽水市' })
  name!: string;

  @Field(() => String, { description: '层级 / level: PROVINCE, CITY or COUNTY' })
  level!: RegionLevel;

  parentCode!: string | null;

  static from(info: RegionInfo): Region {
    return Object.assign(new Region(), info);
  }
}
