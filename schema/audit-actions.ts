import type { AccessMethod, OpenAttribute, OrgKind, SecurityGrade, Sensitivity, ShareMode } from './enums.js';
import type { ProfileCode, SubgraphName } from './topology.js';

/**
 * Every change a subgraph records in its audit log (kit/server/mutation.ts `mutate`, event
 * handlers): per subgraph, each action with the type of entity it names and the data it keeps.
 * `mutate(ctx, 'sharing', …)` and a sharing event handler accept only sharing's actions, each
 * with its own data, so an auditor reading `action` knows what `data` holds [D §24, Z §34].
 *
 * Only types: rows are written as before (the data JSON in the order its writer builds it, which
 * the chain hashes). Rows already in a log may carry actions of earlier versions, so what is
 * read back (`AuditEventRow.action`) stays a string. Reads are recorded apart, as action `read`.
 */
export interface AuditActions {
  catalog: {
    'organization.create': Change<'Organization', { name: string; creditCode: string; kind: OrgKind }>;
    'dataResource.create': Change<'DataResource', { code: string; name: string }>;
    /** A draft or returned entry changed directly: the fields and items that changed. */
    'dataResource.update': Change<'DataResource', { changed: string[] }>;
    /** A pending revision of a published entry drafted or changed. */
    'dataResource.revise': Change<'DataResource', { changed: string[] }>;
    /** Workflow steps: the review comment or the reason, where the step takes one. */
    'dataResource.submitted': Change<'DataResource', Comment>;
    'dataResource.revision_submitted': Change<'DataResource', Comment>;
    'dataResource.returned': Change<'DataResource', Comment>;
    'dataResource.revision_returned': Change<'DataResource', Comment>;
    'dataResource.retired': Change<'DataResource', Comment>;
    'dataResource.publish': Change<'DataResource', undefined>;
    'dataResource.publishRevision': Change<'DataResource', undefined>;
    'dataResource.recordDataUpdate': Change<'DataResource', { updatedAt: string }>;
    'dataItem.source_linked': Change<'DataItem', ItemSource>;
    'dataItem.duplication_justified': Change<'DataItem', ItemSource>;
    /** Never the data subject's identity: the rule applied and the deadline. */
    'dataObjection.file': Change<
      'DataObjection',
      { providerId: string; resourceId: string | null; itemNames: string[]; kind: string; infringes: Sensitivity[]; subjectKind: string } & Deadline
    >;
    'dataObjection.handle': Change<'DataObjection', { outcome: string; dueDate: string; late: boolean; byAuthority: boolean }>;
    /** Aggregate runs, usable but invisible [D §15, D §17, Z §20]: this node's entries, the basis, the query and how many partial groups it holds; never a value. */
    'aggregateRun.submit': Change<'AggregateRun', { resourceIds: string[]; basis: string; groupBy: string[]; measures: string[]; groups: number }>;
    'aggregateRun.approve': Change<'AggregateRun', { reason: string | null; groups: number }>;
    'aggregateRun.refuse': Change<'AggregateRun', { reason: string | null; groups: number }>;
    /** Loads of an entry's records, each a version [B §17-18, L §8]: started (an upload to come), loaded with its rows' count and content hash, or rejected with its errors' count. */
    'dataLoad.start': Change<'DataLoad', DataLoadFacts>;
    'dataLoad.loaded': Change<'DataLoad', DataLoadFacts & { rowCount: number; contentHash: string }>;
    'dataLoad.rejected': Change<'DataLoad', DataLoadFacts & { rowsRead: number; errorCount: number }>;
    /**
     * Data plane reads (issue 19), one per request served: who read (the event's actor), for which
     * organization, under which grant or agreement (null: the provider's own data), the items served
     * and those masked, the number of filter conditions and of rows returned [SEC-2, SHR-5, OPN-7].
     */
    'dataRecords.read': Change<'DataResource', RecordsRead & { organizationId: string; grantId: string | null; scenario: string | null }>;
    'openDataRecords.read': Change<'DataResource', RecordsRead & { datasetId: string; agreementId: string }>;
    /** Destruction of records [SEC-4, J §30, Z §32]: what is asked and why; a filter's items only, never its values (they may be personal). */
    'dataDestruction.request': Change<
      'DataDestruction',
      { resourceId: string; providerId: string; target: string; version: number | null; filterItems: string[]; matchingRows: number; reason: string; legalBasis: string }
    >;
    /** Approved, and destroyed in the same transaction: what was destroyed (entry, versions, rows, SHA-256 of the content), who asked and who approved. */
    'dataDestruction.approve': Change<
      'DataDestruction',
      {
        resourceId: string;
        target: string;
        versions: number[];
        rowCount: number;
        contentHash: string;
        hashAlgorithm: 'sha256';
        reason: string;
        legalBasis: string;
        requestedBy: string;
        approvedBy: string;
        note: string | null;
      }
    >;
    'dataDestruction.refuse': Change<'DataDestruction', { resourceId: string; reason: string; requestedBy: string; refusedBy: string }>;
  };
  sharing: {
    'shareRequest.create': Change<'ShareRequest', RequestWritten>;
    /** A request written for the authority's coordination, or a pending one a catalog change put before the authority. */
    'shareRequest.escalate': Change<'ShareRequest', RequestWritten | (CatalogCause & { securityGrade: SecurityGrade })>;
    'shareRequest.approve': Change<'ShareRequest', Decision>;
    /** Rejected by its decider, or by the system when a catalog change closed the entry. */
    'shareRequest.reject': Change<'ShareRequest', Decision | (CatalogCause & { reason: string })>;
    'shareRequest.suspend': Change<'ShareRequest', CatalogCause & { reason: string }>;
    'shareGrant.suspend': Change<'ShareRequest', { reason: string | null; rectificationDemand: string | null; rectificationDeadline: string; as: string | null }>;
    'shareGrant.reinstate': Change<'ShareRequest', { reason: string }>;
    'shareGrant.revoke': Change<'ShareRequest', { reason: string | null; as: string | null }>;
    'usageFeedback.report': Change<'UsageFeedback', { grantId: string; periodStart: string; periodEnd: string; purposeFulfilled: boolean; useCount: number }>;
    'dataDemand.file': Change<'DataDemand', { requesterId: string; dataName: string; itemNames: string[] }>;
    'dataDemand.assign': Change<'DataDemand', { providerId: string; note: string | null }>;
    'dataDemand.accept': Change<'DataDemand', { providerId: string | null }>;
    'dataDemand.decline': Change<'DataDemand', { providerId: string | null; reason: string }>;
    'dataDemand.fulfil': Change<'DataDemand', { resourceId: string }>;
    'dataVerification.report': Change<'DataVerification', { grantId: string; itemNames: string[]; dueDate: string }>;
    'dataVerification.verify': Change<'DataVerification', { outcome: string; overdue: boolean }>;
    'shareSanction.impose': Change<'ShareSanction', { organizationId: string; violation: string; deadline: string; organizationRegion: string | null }>;
    'shareSanction.lift': Change<'ShareSanction', { reason: string | null }>;
    /** A sanction imposed or lifted on a node above, kept on this one. */
    'shareSanction.replicate': Change<'ShareSanction', { originNode: string; organizationId: string; regionCode: string; lifted: boolean }>;
    'negativeList.add': Change<'NegativeListEntry', { resourceId: string; itemNames: string[]; legalBasis: string } | CatalogLine>;
    'negativeList.update': Change<'NegativeListEntry', { itemNames: string[]; legalBasis: string } | CatalogLine>;
    'negativeList.remove': Change<'NegativeListEntry', { reason: string | null } | { reason: string; fromCatalog: true }>;
    'shareViolation.review': Change<'ShareViolation', { note: string | null }>;
  };
  opening: {
    /** Opened at once, as datasets were before proposals needed the authority's approval. */
    'openDataset.create': Change<'OpenDataset', { resourceId: string; providerId: string; openAttribute: OpenAttribute; accessMethods: AccessMethod[] }>;
    'openDataset.propose': Change<'OpenDataset', { kind: string; resourceId: string; accessMethods: AccessMethod[]; reason: string | null }>;
    'openDataset.approve': Change<'OpenDataset', { kind: string; status: string; openAttribute: OpenAttribute; accessMethods: AccessMethod[]; comment: string | null }>;
    'openDataset.return': Change<'OpenDataset', { kind: string; comment: string }>;
    /** Suspended by the system when a catalog change closed its entry. */
    'openDataset.suspend': Change<'OpenDataset', CatalogCause & { reason: string }>;
    /** Restricted by the system when an approved catalog revision made its entry RESTRICTED: DOWNLOAD dropped [Z §20]. */
    'openDataset.restrict': Change<'OpenDataset', CatalogCause & { reason: string; accessMethods: AccessMethod[]; suspended: boolean }>;
    /** Kept in step by the system with the facts of its entry an approved catalog revision changed [Z §10]. */
    'openDataset.follow': Change<'OpenDataset', CatalogCause & { openAttribute: OpenAttribute; format: string | null; updateFrequency: string | null }>;
    /**
     * Filed, and its dataset suspended in the same transaction [Z §35]. Never the receipt token nor
     * the complainant's text: what is said to be infringed, and whether a registered user filed it.
     */
    'openDataComplaint.file': Change<
      'OpenDataComplaint',
      | { datasetId: string; infringes: Sensitivity[]; byAccount: boolean; source: 'PUBLIC' }
      | (CatalogCause & { datasetId: string; infringes: Sensitivity[]; source: 'CATALOG_OBJECTION'; objectionId: string })
    >;
    'openDataComplaint.verify': Change<'OpenDataComplaint', { findings: string; byAuthority: boolean }>;
    'openDataComplaint.decide': Change<'OpenDataComplaint', { outcome: string; note: string; datasetStatus: string; byAuthority: boolean }>;
    /** Never the receipt token nor the filer's text: the ground, whether a registered user filed it, and the deadline given [Z §21]. */
    'openDataOpinion.file': Change<'OpenDataOpinion', { datasetId: string; kind: string; byAccount: boolean; channel: string; receivedOn: string } & Deadline>;
    'openDataOpinion.record': Change<'OpenDataOpinion', { datasetId: string; kind: string; byAccount: boolean; channel: string; receivedOn: string } & Deadline>;
    'openDataOpinion.answer': Change<'OpenDataOpinion', { answer: string; dueDate: string; late: boolean; byAuthority: boolean }>;
    /** Never the receipt token nor the requester's text: where it is addressed, and the deadline given [Z §22]. */
    'openDataDemand.file': Change<'OpenDataDemand', { providerId: string | null; regionCode: string; byAccount: boolean } & Deadline>;
    'openDataDemand.route': Change<'OpenDataDemand', { providerId: string }>;
    'openDataDemand.answer': Change<
      'OpenDataDemand',
      { decision: string; reply: string | null; resourceId: string | null; datasetId: string | null; dueDate: string; late: boolean; byAuthority: boolean }
    >;
    /** A public data user registered [B §3, Z §16]: never its name, identifier or contact. */
    'openDataUser.register': Change<'OpenDataUser', { kind: string; regionCode: string }>;
    /** An application for restricted data [Z §16]; `crossNode`: the applicant registered on another platform's region. */
    'openDataApplication.apply': Change<'OpenDataApplication', { datasetId: string; providerId: string; applicantKind: string; creditLevel: string; crossNode: boolean }>;
    /** Approved: the agreement concluded with it, and filed with the authority at once [Z §17]. */
    'openDataApplication.approve': Change<'OpenDataApplication', { agreementId: string; termMonths: number; termStart: string; termEnd: string }>;
    'openDataApplication.reject': Change<'OpenDataApplication', { reason: string }>;
    'openDataApplication.withdraw': Change<'OpenDataApplication', undefined>;
    /** The authority of the dataset's region acknowledged the filing [Z §17 ¶2]. */
    'openDataAgreement.acknowledgeFiling': Change<'OpenDataAgreement', { filedAt: string; applicationId: string }>;
    'openDataDispute.raise': Change<
      'OpenDataDispute',
      { resourceId: string; kind: string; claimedAttribute: OpenAttribute | null; claimedAgencyId: string | null; parties: string[] }
    >;
    'openDataDispute.opinion': Change<'OpenDataDispute', { opinion: string; expertRegion: string }>;
    'openDataDispute.decide': Change<'OpenDataDispute', { outcome: string; decidedAttribute: OpenAttribute | null; decidedAgencyId: string | null; opinions: number }>;
    /** Filed, or revised by filing again for the same year: the previous items stay in the plan's history [J §19]. */
    'openDataPlan.file': Change<'OpenDataPlan', { agencyId: string; year: number; revision: number; items: number }>;
    /** The authority's fast path: the dataset opened at once, without a proposal round [Z §8]. */
    'openDataEmergency.open': Change<
      'OpenDataEmergency',
      { datasetId: string; resourceId: string; event: string; kind: string; openForHours: number; accessMethods: AccessMethod[]; joined: boolean }
    >;
    /** The event is over: datasets withdrawn, collected data sealed or scheduled for destruction, applications shut down [Z §32]. */
    'openDataEmergency.end': Change<'OpenDataEmergency', { summary: string; measures: { datasetId: string; measure: string }[]; applicationsShutDown: number }>;
    /** A batch of uses the data plane served, recorded against their agreements [Z §28, Z §34 (四)]: the first record, how many, and per agreement. */
    'openDataUse.record': Change<'OpenDataUse', { count: number; lastId: string; byAgreement: Record<string, number> }>;
    /** Access suspended for Z §39 violations, with the rectification demanded and its deadline. */
    'openDataAgreement.suspend': Change<'OpenDataAgreement', { violations: string[]; rectification: string; rectifyBy: string; byAuthority: boolean }>;
    'openDataAgreement.restore': Change<'OpenDataAgreement', { note: string; rectifyBy: string; byAuthority: boolean }>;
    /** Not rectified by the deadline: terminated, and the credit record written in the same transaction [Z §39]. */
    'openDataAgreement.terminate': Change<'OpenDataAgreement', { note: string; rectifyBy: string; creditRecordId: string; byAuthority: boolean }>;
  };
  operation: {
    /** Licensing [D §9-10, J §20]: the kind of operator (why, if not state-owned) and, for a renewal, the agreement it follows and the new selection. */
    'operator.create': Change<
      'Operator',
      {
        organizationId: string;
        agreementNo: string;
        agreementSignedAt: string;
        termStart: string;
        termEnd: string;
        termYears: number;
        scope: string;
        kind: string;
        kindReason: string | null;
        selectionBasis: string | null;
        renews: string | null;
      }
    >;
    /** A suspension for violations, with the rectification deadline [D §28]. */
    'operator.suspend': Change<'Operator', StatusChange & { violations: string[]; rectifyBy: string }>;
    'operator.reinstate': Change<'Operator', StatusChange>;
    'operator.revoke': Change<'Operator', StatusChange>;
    /** A demand list for one scenario [D §12-13]: what was asked of whom, never the texts; `crossNode`: an entry lives on another platform. */
    'operationAuthorization.apply': Change<
      'OperationAuthorization',
      {
        operatorId: string;
        scenarioName: string;
        priorityDomain: string;
        valueKind: string;
        entries: { resourceId: string; providerId: string; items: string[] }[];
        goals: number;
        crossNode: boolean;
      }
    >;
    'operationAuthorization.firstReview': Change<'OperationAuthorization', { decision: string; opinion: string | null; reReviewDue: string | null; deadlineBasis: string | null }>;
    /** `assessed`: the four parts of the D §22 assessment were recorded; `late`: after the re-review deadline. */
    'operationAuthorization.reReview': Change<
      'OperationAuthorization',
      { decision: string; reason: string | null; assessed: boolean; late: boolean; confirmationDue: string | null }
    >;
    /** A provider's answer for its entry; `outcome`: GRANTED or NOT_GRANTED when it was the last one [D §14]. */
    'operationAuthorization.answer': Change<
      'OperationAuthorization',
      { resourceId: string; providerId: string; answer: string; items: string[]; reason: string | null; late: boolean; outcome: string | null }
    >;
    'operatorReport.file': Change<'OperatorReport', { operatorId: string; kind: string; period: number; periodStart: string; periodEnd: string; dueDate: string }>;
    'governanceFeedback.file': Change<'GovernanceFeedback', { resourceId: string; providerId: string; operatorId: string; itemNames: string[] }>;
    'governanceFeedback.setDeadline': Change<
      'GovernanceFeedback',
      { dueDate: string; deadlineWorkingDays: number | null; deadlineProfile: ProfileCode | null; deadlineBasis: string }
    >;
    'governanceFeedback.answer': Change<'GovernanceFeedback', { dueDate: string | null; late: boolean }>;
    /** Inside the platform [OPR-4, D §17, D §21]: staff by real name (masked ID), imports and exports decided by the authority. */
    'operatorStaff.register': Change<'OperatorStaff', { operatorId: string; citizenIdMasked: string; confidentialityAgreementNo: string; confidentialitySignedOn: string }>;
    'operatorStaff.deregister': Change<'OperatorStaff', { operatorId: string; reason: string }>;
    'operationDataTransfer.requestImport': Change<'OperationDataTransfer', { operatorId: string; authorizationId: string }>;
    'operationDataTransfer.requestExport': Change<'OperationDataTransfer', { operatorId: string; authorizationId: string }>;
    'operationDataTransfer.decide': Change<'OperationDataTransfer', { direction: string; approve: boolean; reason: string | null }>;
    /** Data products and their prices [OPR-5, OPR-6, D §3, D §18, D §21, J §21]: the sources named, the use and the price in fen; never the texts. */
    'dataProduct.propose': Change<
      'DataProduct',
      { operatorId: string; kind: string; use: string; priceFen: number; authorizationIds: string[]; resourceIds: string[]; guidedRangeId: string | null }
    >;
    'dataProduct.review': Change<'DataProduct', { approve: boolean; reason: string | null }>;
    /** Suspended by the system when a catalog change closed one of its source entries. */
    'dataProduct.suspend': Change<'DataProduct', CatalogCause & { reason: string }>;
    'guidedPriceRange.set': Change<'GuidedPriceRange', { kind: string; minFen: number; maxFen: number; previous: { minFen: number; maxFen: number } | null }>;
  };
}

/** The entity type an action names and the data it keeps; `undefined`: the action keeps none, or may not. */
interface Change<E extends string, D> {
  entityType: E;
  data: D;
}

type Comment = { comment: string } | undefined;

interface ItemSource {
  resourceId: string;
  sourceItemId: string | null;
  justification: string | null;
}

interface Deadline {
  dueDate: string;
  deadlineWorkingDays: number;
  deadlineProfile: ProfileCode | null;
  deadlineBasis: string;
}

interface RequestWritten {
  resourceId: string;
  requesterId: string;
  providerId: string;
  itemNames: string[];
  shareMode: ShareMode;
  endDate: string;
  status: string;
  decisionRule: string;
  automatic: boolean;
  crossNode: boolean;
  negativeListItems?: string[];
}

interface Decision {
  reason: string | null;
  decisionRule: string;
  /** When the approval narrowed what was asked. */
  itemNames?: string[];
  endDate?: string;
  /** When a rejection refused items that are not on the negative list. */
  violation?: 'UNLISTED_REJECTION';
  unlistedItems?: string[];
}

/** What every audit event of a load names: the entry, the version, how the rows came and what they do to the current ones. */
interface DataLoadFacts {
  resourceId: string;
  version: number;
  source: string;
  mode: string;
}

/** The catalog event a change follows (kit/server/events.ts). */
interface CatalogCause {
  catalogEventId: string;
  resourceId: string;
}

/** A negative-list line the catalog keeps for a NOT_SHARED entry. */
interface CatalogLine {
  source: 'CATALOG';
  providerId: string;
  dataName: string;
  itemNames: string[];
  legalBasis: string;
  fromCatalog: true;
}

/** What a data plane read served. */
interface RecordsRead {
  items: string[];
  masked: string[];
  filters: number;
  rows: number;
}

interface StatusChange {
  from: string;
  to: string;
  reason: string;
}

type DataField<D> = undefined extends D ? { data?: D } : { data: D };

type ChangesOf<M> = {
  [A in keyof M & string]: M[A] extends Change<infer E, infer D> ? { action: A; entityType: E; entityId: string } & DataField<D> : never;
}[keyof M & string];

/** A change event of subgraph `S` (of any subgraph when absent), as `mutate` and event handlers return it. */
export type AuditChange<S extends SubgraphName = SubgraphName> = S extends SubgraphName ? ChangesOf<AuditActions[S]> : never;

/** The change actions of subgraph `S`. */
export type AuditAction<S extends SubgraphName = SubgraphName> = AuditChange<S>['action'];
