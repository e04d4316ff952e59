import type { InputBounds } from '../kit/server/input-bounds.js';

/** Opening inputs whose bounds differ from the kit's defaults (an ID is a code of 64, any other string one line of 200). */
export const openingInputBounds: InputBounds = {
  'CreateOpenDatasetInput.description': { kind: 'text' },
};
