import type { RequiredEntityData } from '@mikro-orm/postgresql';
import type { DataFormat, Library, OpenAttribute, ResourceStatus, SecurityGrade, ShareAttribute, UpdateFrequency } from '../schema/enums.js';
import type { DataResource } from '../subgraphs/catalog/resource.entity.js';
import { searchColumns } from '../subgraphs/catalog/search/text.js';
import { updateDueAfter } from '../subgraphs/catalog/workflow.js';
import { newOwned } from '../subgraphs/kit/server/owned.js';

/** What a bulk-loaded entry states; the rest follows from its status, as the workflow would have left it. */
export interface StoredEntry {
  region: string;
  providerId: string;
  code: string;
  name: string;
  summary: string;
  /** Names of its data items, for the search text (the items themselves are the loader's to write). */
  itemNames: string[];
  categoryCode?: string;
  library?: Library;
  format?: DataFormat;
  updateFrequency?: UpdateFrequency;
  securityGrade?: SecurityGrade;
  shareAttribute?: ShareAttribute;
  shareCondition?: string | null;
  shareReason?: string | null;
  legalBasis?: string | null;
  openAttribute?: OpenAttribute;
  openCondition?: string | null;
  desensitized?: boolean;
  status?: ResourceStatus;
}

/**
 * A catalog entry as the catalog stores it after its workflow (published by default), for loads
 * that bypass the API: the benchmark fixture and tests that need more entries than the API would
 * create in reasonable time. Search columns are made by the catalog's own searchColumns.
 */
export function storedEntry(e: StoredEntry, now = new Date()): RequiredEntityData<DataResource> & { id: string } {
  const status = e.status ?? 'PUBLISHED';
  const published = status === 'PUBLISHED' || status === 'DEPRECATED';
  const updateFrequency = e.updateFrequency ?? 'MONTHLY';
  return {
    ...newOwned(e.region),
    version: 1,
    providerId: e.providerId,
    code: e.code,
    name: e.name,
    summary: e.summary,
    categoryCode: e.categoryCode ?? '05-01-01',
    library: e.library ?? 'DEPARTMENT',
    format: e.format ?? 'API',
    updateFrequency,
    securityGrade: e.securityGrade ?? 'GENERAL',
    shareAttribute: e.shareAttribute ?? 'UNCONDITIONAL',
    shareCondition: e.shareCondition ?? null,
    shareReason: e.shareReason ?? null,
    shareMode: 'API',
    legalBasis: e.legalBasis ?? null,
    openAttribute: e.openAttribute ?? 'UNCONDITIONAL',
    openCondition: e.openCondition ?? null,
    openChangeReason: null,
    sensitivities: [],
    desensitized: e.desensitized ?? false,
    consentObtained: false,
    relatedCodes: [],
    status,
    publishedAt: published ? now : null,
    updatedAt: now,
    reviewComment: null,
    revision: null,
    revisionStatus: null,
    revisionComment: null,
    lastDataUpdateAt: null,
    updateDueAt: published ? updateDueAfter(now, updateFrequency) : null,
    retiredAt: status === 'DEPRECATED' ? now : null,
    retireReason: status === 'DEPRECATED' ? '已由新版目录条目替代' : null,
    ...searchColumns(
      { name: e.name, summary: e.summary },
      e.itemNames.map((name) => ({ name })),
    ),
  };
}
