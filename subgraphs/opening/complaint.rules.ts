import { badInput, conflict } from '../kit/server/errors.js';
import type { StoredComplaintStep } from './complaint.entity.js';
import type { OpenComplaintInfringement, OpenComplaintOutcome, OpenComplaintSource, OpenComplaintStatus, OpenDatasetStatus } from './enums.js';

/**
 * Complaints that opened data infringes secrets or privacy [OPN-6, Z §35], as pure rules.
 *
 * Z §35 ¶2 has the opening agency check the facts "immediately" and suspend "where it finds it
 * necessary". The platform cannot check anything at the moment of filing, and suspending costs the
 * public a few days of access while leaving it open may spread a secret for good, so filing
 * suspends at once (DOMAIN.md OPN-6) and the agency's check comes after, with the decision.
 */

/** What is infringed, each once, in the enum's order; at least one [Z §35]. */
export function checkInfringes(values: readonly OpenComplaintInfringement[]): OpenComplaintInfringement[] {
  const set = (['STATE_SECRET', 'TRADE_SECRET', 'PERSONAL_PRIVACY'] as const).filter((v) => values.includes(v));
  if (set.length === 0) {
    throw badInput(
      '投诉须说明开放数据侵犯的是国家秘密、商业秘密还是个人隐私 / say what the opened data infringes: set infringes to STATE_SECRET, TRADE_SECRET and/or PERSONAL_PRIVACY [Z §35]',
      'input.infringes',
    );
  }
  return set;
}

/** Only data the public can reach now is complained of here: an OPEN dataset [Z §35]. */
export function checkComplainable(d: { status: OpenDatasetStatus }): void {
  if (d.status !== 'OPEN') {
    throw conflict(
      `该数据集当前为 ${d.status}，未向社会开放，无需投诉中止 / this dataset is ${d.status}, not open to the public, so there is nothing to suspend; complaints are for OPEN datasets [Z §35]`,
    );
  }
}

/** Verification follows filing, once [Z §35 ¶2]. */
export function checkVerifiable(c: { status: OpenComplaintStatus }): void {
  if (c.status !== 'FILED') {
    throw conflict(`该投诉已核实（当前为 ${c.status}），不能再次核实 / this complaint was already verified (it is ${c.status}); it cannot be verified twice [Z §35]`);
  }
}

/** A decision rests on the final verification, and is taken once [Z §35 ¶2]. */
export function checkDecidable(c: { status: OpenComplaintStatus }): void {
  if (c.status === 'FILED') {
    throw conflict('须先记录核实情况，再作出处理决定 / record the verification first (verifyOpenDataComplaint), then decide [Z §35]');
  }
  if (c.status !== 'VERIFIED') throw conflict('该投诉已处理，不能再次处理 / this complaint was already resolved; it cannot be decided twice [Z §35]');
}

/**
 * Whether a decision may reopen the dataset. It reopens only a dataset that the complaints keep
 * suspended: not one suspended by its catalog entry (that follows the catalog and reopens by an
 * approved proposal), not one withdrawn, and not while another complaint about it is unresolved.
 */
export function checkReopenable(outcome: OpenComplaintOutcome, d: { status: OpenDatasetStatus; catalogEventId: string | null }, otherUnresolved: number): void {
  if (outcome === 'WITHDRAWN') return;
  if (d.status !== 'SUSPENDED') {
    throw conflict(`数据集当前为 ${d.status}，不能恢复开放 / the dataset is ${d.status}, so it cannot be reopened: decide WITHDRAWN, or propose its reopening [Z §35, B §31]`);
  }
  if (d.catalogEventId) {
    throw conflict(
      '数据集因目录变更而暂停，须经开放主体提议、数据主管部门批准后才能恢复开放 / the dataset is also suspended by a change of its catalog entry: it reopens only by an approved proposal; decide WITHDRAWN, or propose its reopening [Z §35, B §31]',
    );
  }
  if (otherUnresolved > 0) {
    throw conflict(
      `该数据集还有 ${otherUnresolved} 件侵权投诉未处理，全部处理前不能恢复开放 / ${otherUnresolved} other complaint(s) about this dataset are unresolved: it stays suspended until all are decided [Z §35]`,
    );
  }
}

/** The dataset status a decision leaves. */
export const datasetStatusAfter = (outcome: OpenComplaintOutcome): OpenDatasetStatus => (outcome === 'WITHDRAWN' ? 'WITHDRAWN' : 'OPEN');

export const OBJECTION_SUSPENSION_REASON =
  "目录中有数据异议称其侵犯秘密或隐私，已中止开放待核实 / suspended on a data subject's objection in the catalog that it infringes secrets or privacy, pending verification [Z §35, B §11]";

/**
 * The complaint a catalog objection of kind INFRINGING makes of an open entry [Z §35, B §11]: no
 * receipt (the objector follows its objection in the catalog), no text of the subject's (it stays
 * in the catalog, where the agency reads it by `objectionId`). An OPEN dataset is suspended at
 * once, with the reason; one already suspended stays so.
 */
export function complaintFromObjection(
  objectionId: string,
  datasetOpen: boolean,
  now: Date,
): {
  complaint: {
    description: string;
    complainantAccount: null;
    receiptTokenHash: null;
    source: OpenComplaintSource;
    objectionId: string;
    status: OpenComplaintStatus;
    outcome: null;
    steps: StoredComplaintStep[];
  };
  suspension: string | null;
} {
  const at = now.toISOString();
  const steps: StoredComplaintStep[] = [{ kind: 'FILED', at, note: null }];
  if (datasetOpen) steps.push({ kind: 'SUSPENDED', at, note: OBJECTION_SUSPENSION_REASON });
  return {
    complaint: {
      description: `目录数据异议 ${objectionId} 称开放数据侵犯秘密或隐私，异议内容及异议人见目录中的该异议 / the catalog objection ${objectionId} says the opened data infringes secrets or privacy; its text and the data subject are in the catalog's objection`,
      complainantAccount: null,
      receiptTokenHash: null,
      source: 'CATALOG_OBJECTION',
      objectionId,
      status: 'FILED',
      outcome: null,
      steps,
    },
    suspension: datasetOpen ? OBJECTION_SUSPENSION_REASON : null,
  };
}
