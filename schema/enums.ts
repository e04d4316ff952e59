/**
 * Enumerations shared by several subgraphs; each subgraph registers the ones it exposes
 * (kit/server/enums.ts `defineEnum`), so the composed schema has one definition of each.
 */
export const SHARE_ATTRIBUTES = ['UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHARED'] as const;
export type ShareAttribute = (typeof SHARE_ATTRIBUTES)[number];

export const OPEN_ATTRIBUTES = ['UNCONDITIONAL', 'RESTRICTED', 'PROHIBITED'] as const;
export type OpenAttribute = (typeof OPEN_ATTRIBUTES)[number];

export const SECURITY_GRADES = ['CORE', 'IMPORTANT', 'GENERAL'] as const;
export type SecurityGrade = (typeof SECURITY_GRADES)[number];

export const LIBRARIES = ['POPULATION', 'LEGAL_PERSON', 'CREDIT', 'E_LICENSE', 'MACRO_ECONOMY', 'SPATIAL_GEOGRAPHY', 'THEMATIC', 'DEPARTMENT'] as const;
export type Library = (typeof LIBRARIES)[number];

export const DATA_FORMATS = ['SPREADSHEET', 'DATABASE', 'API', 'DOCUMENT', 'IMAGE', 'STREAMING'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

export const UPDATE_FREQUENCIES = ['REAL_TIME', 'DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY', 'ON_DEMAND'] as const;
export type UpdateFrequency = (typeof UPDATE_FREQUENCIES)[number];

export const DATA_TYPES = ['STRING', 'INTEGER', 'DECIMAL', 'DATE', 'DATETIME', 'BOOLEAN', 'BINARY'] as const;
export type DataType = (typeof DATA_TYPES)[number];

export const SHARE_MODES = ['API', 'BULK_COPY', 'OFFLINE'] as const;
export type ShareMode = (typeof SHARE_MODES)[number];

export const SENSITIVITIES = ['STATE_SECRET', 'TRADE_SECRET', 'PERSONAL_PRIVACY'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export const RESOURCE_STATUSES = ['DRAFT', 'SUBMITTED', 'PUBLISHED', 'RETURNED', 'DEPRECATED'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

export const ORG_KINDS = ['AUTHORITY', 'AGENCY', 'PUBLIC_SERVICE', 'ENTERPRISE'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ACCESS_METHODS = ['DOWNLOAD', 'API', 'MODEL'] as const;
export type AccessMethod = (typeof ACCESS_METHODS)[number];
