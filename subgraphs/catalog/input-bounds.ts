import { boundsOf, type InputBounds } from '../kit/server/input-bounds.js';
import { MAX_KEYWORD_LENGTH } from './search.js';

/** Catalog inputs whose bounds differ from the kit's defaults (an ID is a code of 64, any other string one line of 200). */
export const catalogInputBounds: InputBounds = {
  'Query.region(regionCode:)': { kind: 'code', max: 12 },
  'Query.regions(parentCode:)': { kind: 'code', max: 12 },
  'DataResourceFilter.keyword': { kind: 'line', max: MAX_KEYWORD_LENGTH },
  'Mutation.publishDataResource(comment:)': { kind: 'text' },
  'Mutation.returnDataResource(comment:)': { kind: 'text' },
  'Mutation.retireDataResource(reason:)': { kind: 'text' },
  ...boundsOf(['CreateDataResourceInput', 'UpdateDataResourceInput'], {
    code: { kind: 'code' },
    summary: { kind: 'text' },
    categoryCode: { kind: 'code' },
    shareCondition: { kind: 'text' },
    shareReason: { kind: 'text' },
    legalBasis: { kind: 'text' },
    openCondition: { kind: 'text' },
    relatedCodes: { kind: 'code' },
    // A wide table can have hundreds of columns.
    items: { maxItems: 500 },
  }),
  'UpdateDataResourceInput.openChangeReason': { kind: 'text' },
  'DataItemInput.description': { kind: 'text' },
  'DataItemInput.duplicationJustification': { kind: 'text' },
  'RecordDataUpdateInput.note': { kind: 'text' },
  'JustifyDataItemDuplicationInput.justification': { kind: 'text' },
  // Longer than any valid code, so the validator's own message ("expected 18 characters") answers a near miss.
  'CreateOrganizationInput.regionCode': { kind: 'code', max: 12 },
  'CreateOrganizationInput.creditCode': { kind: 'code', max: 32 },
  'Query.organizations(creditCode:)': { kind: 'code', max: 32 },
  'FileDataObjectionInput.itemNames': { maxItems: 500 },
  'FileDataObjectionInput.description': { kind: 'text' },
  'DataSubjectInput.idNumber': { kind: 'code', max: 32 },
  'HandleDataObjectionInput.response': { kind: 'text' },
};
