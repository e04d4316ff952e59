import { Directive, Field, ObjectType } from 'type-graphql';
import { REGION_LEVELS, type RegionInfo, type RegionLevel } from '../../schema/regions.js';
import { CATALOG_TYPE_DESCRIPTIONS, REGION_CODE_DESCRIPTION } from '../kit/server/foreign.js';
import { defineEnum } from '../kit/server/enums.js';

export const RegionLevelEnum = defineEnum(REGION_LEVELS, {
  name: 'RegionLevel',
  description: '行政区划层级 (GB/T 2260) / level of an administrative division (GB/T 2260)',
  valuesConfig: {
    PROVINCE: { description: '省级：省、自治区、直辖市 / province level: province, autonomous region, municipality' },
    CITY: { description: '地级：设区的市、自治州、地区、盟 / prefecture level: city, autonomous prefecture, prefecture, league' },
    COUNTY: { description: '县级：市辖区、县、县级市、旗等 / county level: district, county, county-level city, banner and the like' },
  },
});

@Directive('@key(fields: "code")')
@ObjectType('Region', { description: CATALOG_TYPE_DESCRIPTIONS.Region })
export class Region {
  @Field({ description: REGION_CODE_DESCRIPTION })
  code!: string;

  @Field({ description: '名称 / name, e.g. 丽水市' })
  name!: string;

  @Field(() => RegionLevelEnum, { description: '层级 / level' })
  level!: RegionLevel;

  parentCode!: string | null;

  static from(info: RegionInfo): Region {
    return Object.assign(new Region(), info);
  }
}
