import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { OrgKind } from '../../schema/enums.js';
import { OrgKindEnum } from './enums.js';

@Entity({ tableName: 'organization' })
@Directive('@key(fields: "id")')
@ObjectType('Organization', { description: '机构：政府部门、公共服务运营单位或企业 / an organization: agency, public-service operator or enterprise' })
export class Organization {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID, { description: '全局ID / global ID (owner region inside)' })
  id!: string;

  @Property({ type: 'text', unique: true })
  seq!: string;

  @Property({ type: 'text' })
  regionCode!: string;

  @Property({ type: 'text' })
  @Field({ description: '名称 / name' })
  name!: string;

  @Property({ type: 'text', unique: true })
  @Field({ description: '统一社会信用代码 (GB 32100) / unified social credit code' })
  creditCode!: string;

  @Property({ type: 'text' })
  @Field(() => OrgKindEnum, { description: '机构类型 / kind' })
  kind!: OrgKind;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '登记时间 / registered at' })
  createdAt!: Date;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号，用于并发控制 / version for optimistic concurrency' })
  version!: number;
}
