import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { defineEnum } from '../kit/server/enums.js';
import { OPEN_ACCESS_DECISIONS, OPEN_FREE_GROUNDS, type OpenAccessDecision, type OpenFreeGround } from './access-method.rules.js';
import { OpenAccessMethodEnum, type OpenAccessMethod } from './enums.js';

export const OpenFreeGroundEnum = defineEnum(OPEN_FREE_GROUNDS, {
  name: 'OpenFreeGround',
  description: '免费开放的情形 / grounds on which open data is free of charge [Z §27]',
  valuesConfig: {
    UNCONDITIONAL_DATA: { description: '无条件开放的数据 / unconditionally open data [Z §27 (一)]' },
    OWN_DATA: { description: '获取本人、本单位的受限开放类数据 / RESTRICTED data about the user itself or its own unit [Z §27 (二)]' },
    AUTHORIZED_BY_SUBJECT: { description: '经他人、其他单位授权获取其受限开放类数据 / RESTRICTED data of another person or unit, with their authorization [Z §27 (三)]' },
    STATUTORY: { description: '国家和省规定应当免费开放的数据 / data national or provincial rules make free [Z §27 (四)]' },
  },
});

export const OpenAccessDecisionEnum = defineEnum(OPEN_ACCESS_DECISIONS, {
  name: 'OpenAccessDecision',
  description: '开放数据使用核验的结论 / the answer of an open-data access check [OPN-2, Z §20, Z §27]',
  valuesConfig: {
    ALLOWED: { description: '允许 / allowed' },
    NOT_OPEN: { description: '数据集不存在或未开放 / the dataset does not exist or is not open' },
    METHOD_NOT_OFFERED: { description: '该数据集不提供此开放方式 / the dataset is not offered this way' },
    DOWNLOAD_OF_RESTRICTED: { description: '受限开放数据不得下载 / RESTRICTED data is never downloaded [Z §20]' },
    NO_AGREEMENT: {
      description: '受限开放数据须有开放利用协议，该用户没有期限内有效的协议 / RESTRICTED data needs an agreement, and the user holds none in force on this dataset [Z §15-17]',
    },
    AGREEMENT_SUSPENDED: {
      description: '该用户的协议因违规暂停，获取权限已暂时关闭 / the user’s agreement is suspended for a violation: its access is closed until restored [Z §39]',
    },
    AGREEMENT_TERMINATED: {
      description:
        '该用户逾期未整改，协议已终止，不再提供该数据 / the user did not rectify by the deadline: its agreement is terminated and the data no longer served to it [Z §39]',
    },
  },
});

@ObjectType('OpenAccessOffer', { description: '数据集的一种开放方式及其条件 / one way a dataset is offered, and on what terms [OPN-2, Z §20, Z §27, B §32]' })
export class OpenAccessOffer {
  @Field(() => OpenAccessMethodEnum, { description: '开放方式 / access method' })
  method!: OpenAccessMethod;

  @Field({ description: '对所有人免费（无条件开放数据）/ free of charge for everyone (UNCONDITIONAL data) [Z §27]' })
  free!: boolean;

  @Field(() => [OpenFreeGroundEnum], { description: '在哪些情形下免费 / the grounds on which it is free [Z §27]' })
  freeFor!: OpenFreeGround[];

  @Field({ description: '须经申请并签署开放利用协议（受限开放数据）/ needs an approved application and an agreement (RESTRICTED data) [Z §15-17]' })
  agreementRequired!: boolean;

  @Field({ description: '结果数据须经评估审查后方可离开平台（算法模型）/ results leave the platform only after review (MODEL) [Z §20, Z §13]' })
  resultReview!: boolean;
}

@InputType('OpenAccessCheckInput', { description: '一项核验：某用户此刻能否以某方式使用某数据集 / one check: may this user use this dataset this way now?' })
export class OpenAccessCheckInput {
  @Field(() => ID, { description: '开放数据集ID / the open dataset' })
  datasetId!: string;

  @Field(() => OpenAccessMethodEnum, { description: '开放方式 / access method' })
  method!: OpenAccessMethod;

  @Field({ description: "公共数据利用主体的账号 / the public data user's account" })
  userAccount!: string;
}

@ObjectType('OpenAccessCheck', { description: '一项核验的结论，附其核验内容 / the answer to one check, with the check it answers [OPN-2]' })
export class OpenAccessCheck {
  @Field(() => ID)
  datasetId!: string;

  @Field(() => OpenAccessMethodEnum)
  method!: OpenAccessMethod;

  @Field()
  userAccount!: string;

  @Field({ description: '是否允许 / allowed or not' })
  allowed!: boolean;

  @Field(() => OpenAccessDecisionEnum, { description: '结论 / the decision' })
  decision!: OpenAccessDecision;

  @Field({ description: '说明（引用条款）/ why, citing the article' })
  message!: string;

  @Field(() => ID, {
    nullable: true,
    description: '允许使用受限开放数据所依据的期限内有效的协议；其他情形为空 / the agreement in force that allows RESTRICTED use; null otherwise [Z §17]',
  })
  agreementId!: string | null;

  @Field(() => ID, { nullable: true, description: '数据集所属的目录条目（数据集可见时）/ the catalog entry of the dataset, when the dataset is visible to the caller [issue 19]' })
  resourceId!: string | null;

  @Field(() => OpenAccessOffer, { nullable: true, description: '所用的开放方式及其条件 / the offer used, with its terms' })
  offer!: OpenAccessOffer | null;
}
