import type { InputBounds } from '../kit/server/input-bounds.js';

/** Operation inputs whose bounds differ from the kit's defaults (an ID is a code of 64, any other string one line of 200). */
export const operationInputBounds: InputBounds = {
  'Mutation.suspendOperator(reason:)': { kind: 'text' },
  'Mutation.reinstateOperator(reason:)': { kind: 'text' },
  'Mutation.revokeOperator(reason:)': { kind: 'text' },
  'CreateOperatorInput.agreementNo': { kind: 'code' },
  'CreateOperatorInput.scope': { kind: 'text' },
};
