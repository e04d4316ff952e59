import { Entity, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import type { OrgKind } from '../../schema/enums.js';
import { OrgKindEnum } from './enums.js';
import { Owned } from '../kit/server/owned.js';
import { Node } from '../kit/server/node.js';
import { CATALOG_TYPE_DESCRIPTIONS } from '../kit/server/foreign.js';

@Entity({ tableName: 'organization' })
@Directive('@key(fields: "id")')
@ObjectType('Organization', { implements: Node, description: CATALOG_TYPE_DESCRIPTIONS.Organization })
export class Organization extends Owned {
  @Property({ type: 'text' })
  @Field({ description: '名称 / name' })
  name!: string;

  @Property({ type: 'text', unique: true })
  @Field({ description: '统一社会信用代码 (GB 32100) / unified social credit code' })
  creditCode!: string;

  @Property({ type: 'text' })
  @Field(() => OrgKindEnum, { description: '机构类型 / kind' })
  kind!: OrgKind;
}
