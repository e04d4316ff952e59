import type { InputBounds } from '../kit/input-bounds.js';

/** Sharing inputs whose bounds differ from the kit's defaults (an ID is a code of 64, any other string one line of 200). */
export const sharingInputBounds: InputBounds = {
  'Mutation.decideShareRequest(reason:)': { kind: 'text' },
  'RequestShareInput.scenario': { kind: 'text' },
  'RequestShareInput.purpose': { kind: 'text' },
  'RequestShareInput.legalDuty': { kind: 'text' },
  'RequestShareInput.itemNames': { maxItems: 500 },
  'RequestShareInput.endDate': { kind: 'code', max: 32 },
};
