import { badInput, conflict } from '../kit/server/errors.js';
import type { OpenDisputeAttribute, OpenDisputeKind, OpenDisputeStatus } from './enums.js';

/**
 * Disputes over the opening agency [Z §11 ¶2] and the open attribute [Z §12], as pure rules. Both
 * articles give the same procedure: the parties fail to agree, the authority of that level seeks
 * the expert committee's opinion, and the people's government of that level decides on its report.
 */

/** Long enough for a reasoned claim, opinion or decision; short enough to stay a record. */
export const DISPUTE_TEXT_MAX = 2000;

/** What each kind must claim, checked before anything is read: an attribute, or another agency [Z §11-12]. */
export function checkClaim(kind: OpenDisputeKind, claim: { claimedAttribute?: OpenDisputeAttribute | null; claimedAgencyId?: string | null }, providerId: string | null): void {
  if (kind === 'OPEN_ATTRIBUTE') {
    if (!claim.claimedAttribute)
      throw badInput('开放属性争议须写明主张的开放属性 / an OPEN_ATTRIBUTE dispute names the attribute claimed: set claimedAttribute [Z §12]', 'input.claimedAttribute');
    if (claim.claimedAgencyId)
      throw badInput(
        '开放属性争议不涉及开放主体，请勿填写 claimedAgencyId / an OPEN_ATTRIBUTE dispute names no agency: leave claimedAgencyId out [Z §12]',
        'input.claimedAgencyId',
      );
    return;
  }
  if (!claim.claimedAgencyId)
    throw badInput(
      '开放主体争议须写明主张应作为开放主体的机构 / an OPENING_AGENCY dispute names the agency claimed to open the data: set claimedAgencyId [Z §11]',
      'input.claimedAgencyId',
    );
  if (claim.claimedAttribute)
    throw badInput(
      '开放主体争议不涉及开放属性，请勿填写 claimedAttribute / an OPENING_AGENCY dispute claims no attribute: leave claimedAttribute out [Z §11]',
      'input.claimedAttribute',
    );
  if (providerId !== null && claim.claimedAgencyId === providerId)
    throw badInput(
      '主张的机构已是目录登记的开放主体，无争议 / the agency claimed is already the opening agency the catalog names: there is nothing to dispute [Z §11]',
      'input.claimedAgencyId',
    );
}

/** An entry has one open dispute of each kind at a time: a second would split the expert opinions. */
export function checkNoOpenDispute(openOfKind: number, kind: OpenDisputeKind): void {
  if (openOfKind > 0)
    throw conflict(`该目录条目已有待决定的 ${kind} 争议，请在该争议中补充意见 / a ${kind} dispute about this entry awaits a decision: add to it instead [Z §11-12]`);
}

/** Opinions are recorded while the dispute is open [Z §11-12]. */
export function checkOpinionOpen(d: { status: OpenDisputeStatus }): void {
  if (d.status !== 'RAISED') throw conflict('争议已决定，不再记录专家意见 / the dispute is decided: no more opinions are recorded [Z §11-12]');
}

/**
 * A decision is taken once, after the expert committee's opinion was sought (at least one opinion
 * recorded), and says what it decides: the attribute, or the opening agency [Z §11 ¶2, Z §12].
 */
export function checkDecision(
  d: { status: OpenDisputeStatus; kind: OpenDisputeKind; opinions: readonly unknown[] },
  decision: { decidedAttribute?: OpenDisputeAttribute | null; decidedAgencyId?: string | null },
): void {
  if (d.status !== 'RAISED') throw conflict('争议已决定 / the dispute is already decided [Z §11-12]');
  if (d.kind === 'OPEN_ATTRIBUTE' && !decision.decidedAttribute)
    throw badInput('开放属性争议的决定须写明开放属性 / decide the open attribute: set decidedAttribute [Z §12]', 'decidedAttribute');
  if (d.kind === 'OPENING_AGENCY' && !decision.decidedAgencyId)
    throw badInput('开放主体争议的决定须写明开放主体 / decide the opening agency: set decidedAgencyId [Z §11]', 'decidedAgencyId');
  if (d.kind === 'OPEN_ATTRIBUTE' && decision.decidedAgencyId)
    throw badInput('开放属性争议的决定不涉及开放主体 / an OPEN_ATTRIBUTE decision names no agency: leave decidedAgencyId out [Z §12]', 'decidedAgencyId');
  if (d.kind === 'OPENING_AGENCY' && decision.decidedAttribute)
    throw badInput('开放主体争议的决定不涉及开放属性 / an OPENING_AGENCY decision names no attribute: leave decidedAttribute out [Z §11]', 'decidedAttribute');
  if (d.opinions.length === 0)
    throw conflict('决定前须征求专家委员会意见：尚无专家意见记录 / the expert committee must be consulted first: no expert opinion is recorded yet [Z §11, Z §12]');
}

/** The agencies party to a dispute, each once: the provider, the raiser, and the agency claimed. */
export function partiesOf(providerId: string, raiserOrg: string | null, claimedAgencyId: string | null): string[] {
  return [...new Set([providerId, raiserOrg, claimedAgencyId].filter((o): o is string => o !== null))];
}
