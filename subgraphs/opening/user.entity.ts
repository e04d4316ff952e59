import { Entity, Property } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { OpenDataUserKindEnum, OpenDataUserStatusEnum, type OpenDataUserKind, type OpenDataUserStatus } from './enums.js';
import { Owned } from '../kit/server/owned.js';

/**
 * A public data user (公共数据利用主体): a natural person, legal person or other organization
 * registered to use open data [B §3, Z §16]. It lives on the node of the region it registered in;
 * its global ID is the `account` a USER token carries. The identifier is never stored: only its
 * hash (one registration per identifier on a node) and a masked form. Only the user itself, the
 * authorities overseeing its region and auditors read the record.
 */
@Entity({ tableName: 'open_data_user' })
@ObjectType('OpenDataUser', {
  description:
    '公共数据利用主体（自然人、法人或非法人组织）：其ID即 USER 令牌的账号；仅本人、所在区域的数据主管部门和审计人员可见 / a registered public data user (natural person, legal person or other organization): its ID is the account a USER token carries; seen only by the user itself, the authorities of its region and auditors [B §3, Z §16]',
})
export class OpenDataUser extends Owned {
  @Property({ type: 'text' })
  @Field({ description: '姓名或名称 / name' })
  name!: string;

  @Property({ type: 'text' })
  @Field(() => OpenDataUserKindEnum, { description: '主体类型 / kind of user' })
  kind!: OpenDataUserKind;

  @Property({ type: 'text', unique: true })
  identifierHash!: string;

  @Property({ type: 'text' })
  @Field({
    description: '脱敏的证件号码（公民身份号码或统一社会信用代码，保留前4后4位）/ the identifier (citizen ID number or credit code), masked to its first and last 4 characters',
  })
  identifierMasked!: string;

  @Property({ type: 'text' })
  @Field({ description: '联系方式 / contact' })
  contact!: string;

  @Property({ type: 'text' })
  @Field(() => OpenDataUserStatusEnum, { description: '状态（违规时暂停或终止）/ standing (suspended or terminated on a violation) [Z §39]' })
  status!: OpenDataUserStatus;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  @Field({ description: '更新时间 / updated at' })
  updatedAt!: Date;
}
