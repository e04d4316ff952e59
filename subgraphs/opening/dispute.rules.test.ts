import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { checkClaim, checkDecision, checkNoOpenDispute, checkOpinionOpen, partiesOf } from './dispute.rules.js';

const PROVIDER = '331100:01ARZ3NDEKTSV4RRFFQ69G5FA1';
const OTHER = '331100:01ARZ3NDEKTSV4RRFFQ69G5FA2';

describe('disputes over the opening agency and the open attribute [Z §11-12]', () => {
  test('an OPEN_ATTRIBUTE dispute claims one of the three attributes and names no agency [Z §12]', () => {
    expect(() => checkClaim('OPEN_ATTRIBUTE', { claimedAttribute: 'RESTRICTED' }, PROVIDER)).not.toThrow();
    expect(refusal(() => checkClaim('OPEN_ATTRIBUTE', {}, PROVIDER))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.claimedAttribute' });
    expect(refusal(() => checkClaim('OPEN_ATTRIBUTE', { claimedAttribute: 'PROHIBITED', claimedAgencyId: OTHER }, PROVIDER)).field).toBe('input.claimedAgencyId');
  });

  test('an OPENING_AGENCY dispute names another agency than the one the catalog names [Z §11]', () => {
    expect(() => checkClaim('OPENING_AGENCY', { claimedAgencyId: OTHER }, PROVIDER)).not.toThrow();
    expect(refusal(() => checkClaim('OPENING_AGENCY', {}, PROVIDER)).field).toBe('input.claimedAgencyId');
    expect(refusal(() => checkClaim('OPENING_AGENCY', { claimedAgencyId: PROVIDER }, PROVIDER)).message).toContain('nothing to dispute');
    expect(refusal(() => checkClaim('OPENING_AGENCY', { claimedAgencyId: OTHER, claimedAttribute: 'RESTRICTED' }, PROVIDER)).field).toBe('input.claimedAttribute');
  });

  test('one open dispute of a kind per entry [Z §11-12]', () => {
    expect(() => checkNoOpenDispute(0, 'OPEN_ATTRIBUTE')).not.toThrow();
    expect(refusal(() => checkNoOpenDispute(1, 'OPEN_ATTRIBUTE')).code).toBe('CONFLICT');
  });

  test('expert opinions are recorded while the dispute is open [Z §5, Z §11-12]', () => {
    expect(() => checkOpinionOpen({ status: 'RAISED' })).not.toThrow();
    expect(refusal(() => checkOpinionOpen({ status: 'DECIDED' })).code).toBe('CONFLICT');
  });

  test('a decision needs a recorded expert opinion and says what it decides, once [Z §11 ¶2, Z §12]', () => {
    const raised = { status: 'RAISED' as const, kind: 'OPEN_ATTRIBUTE' as const, opinions: [{}] };
    expect(() => checkDecision(raised, { decidedAttribute: 'RESTRICTED' })).not.toThrow();
    expect(refusal(() => checkDecision({ ...raised, opinions: [] }, { decidedAttribute: 'RESTRICTED' }))).toMatchObject({ code: 'CONFLICT' });
    expect(refusal(() => checkDecision({ ...raised, opinions: [] }, { decidedAttribute: 'RESTRICTED' })).message).toContain('expert committee');
    expect(refusal(() => checkDecision(raised, {})).field).toBe('decidedAttribute');
    expect(refusal(() => checkDecision(raised, { decidedAttribute: 'RESTRICTED', decidedAgencyId: OTHER })).field).toBe('decidedAgencyId');
    const agency = { ...raised, kind: 'OPENING_AGENCY' as const };
    expect(() => checkDecision(agency, { decidedAgencyId: OTHER })).not.toThrow();
    expect(refusal(() => checkDecision(agency, {})).field).toBe('decidedAgencyId');
    expect(refusal(() => checkDecision({ ...raised, status: 'DECIDED' }, { decidedAttribute: 'RESTRICTED' })).code).toBe('CONFLICT');
  });

  test('the parties are the provider, the raiser and the agency claimed, each once [Z §11]', () => {
    expect(partiesOf(PROVIDER, PROVIDER, null)).toEqual([PROVIDER]);
    expect(partiesOf(PROVIDER, OTHER, OTHER)).toEqual([PROVIDER, OTHER]);
    expect(partiesOf(PROVIDER, null, OTHER)).toEqual([PROVIDER, OTHER]);
  });
});
