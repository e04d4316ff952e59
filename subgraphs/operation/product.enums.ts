import { defineEnum } from '../kit/server/enums.js';

/** The forms of a public data product D §3 names (数据元件、数据包、数据接口、数据服务、数据报告、业务服务). */
export const DATA_PRODUCT_KINDS = ['DATA_ELEMENT', 'DATA_PACKAGE', 'DATA_INTERFACE', 'DATA_SERVICE', 'DATA_REPORT', 'BUSINESS_SERVICE'] as const;
export type DataProductKind = (typeof DATA_PRODUCT_KINDS)[number];

/** What a product is used for decides whether it is paid [B §35, J §23]. */
export const DATA_PRODUCT_USES = ['PUBLIC_GOVERNANCE', 'PUBLIC_WELFARE', 'INDUSTRY'] as const;
export type DataProductUse = (typeof DATA_PRODUCT_USES)[number];

export const DATA_PRODUCT_STATUSES = ['UNDER_REVIEW', 'RELEASED', 'REFUSED', 'SUSPENDED'] as const;
export type DataProductStatus = (typeof DATA_PRODUCT_STATUSES)[number];

export const DataProductKindEnum = defineEnum(DATA_PRODUCT_KINDS, {
  name: 'DataProductKind',
  description: '公共数据产品形态 / the form of a public data product [D §3]',
  valuesConfig: {
    DATA_ELEMENT: { description: '数据元件 / data element' },
    DATA_PACKAGE: { description: '数据包 / data package' },
    DATA_INTERFACE: { description: '数据接口 / data interface' },
    DATA_SERVICE: { description: '数据服务 / data service' },
    DATA_REPORT: { description: '数据报告 / data report' },
    BUSINESS_SERVICE: { description: '业务服务 / business service' },
  },
});

export const DataProductUseEnum = defineEnum(DATA_PRODUCT_USES, {
  name: 'DataProductUse',
  description:
    '数据产品的用途：公共治理、公益事业有条件无偿使用，产业发展有条件有偿使用 / what a product is used for: free under conditions for public governance and welfare, paid for industry [B §35, J §23]',
  valuesConfig: {
    PUBLIC_GOVERNANCE: { description: '用于公共治理，有条件无偿使用 / public governance: free, under conditions [B §35]' },
    PUBLIC_WELFARE: { description: '用于公益事业，有条件无偿使用 / public welfare: free, under conditions [B §35]' },
    INDUSTRY: { description: '用于产业、行业发展，按政府指导价有偿使用 / industry use: paid at the government-guided price [B §35, J §23]' },
  },
});

export const DataProductStatusEnum = defineEnum(DATA_PRODUCT_STATUSES, {
  name: 'DataProductStatus',
  description: '数据产品状态 / status of a data product [D §21]',
  valuesConfig: {
    UNDER_REVIEW: { description: '待数据主管部门审核 / awaiting the data authority’s review [D §21]' },
    RELEASED: { description: '审核通过，已发布 / approved and released' },
    REFUSED: { description: '审核不予通过 / refused, with the reason' },
    SUSPENDED: { description: '来源目录条目已停用、改为不予开放或共享、或定级提升，产品暂停 / suspended: a source entry was retired, closed or graded higher' },
  },
});
