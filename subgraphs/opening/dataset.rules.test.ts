import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { checkDataType, checkOpenable, checkWithdrawable, defaultDataType, proposalKindFor, statusAfterApproval, withoutDownload, type OpeningResource } from './dataset.rules.js';

/**
 * The catalog already refuses an open attribute other than PROHIBITED on CORE/IMPORTANT data, so
 * the end-to-end tests cannot build such an entry; opening checks again rather than trust that.
 */
const entry = (over: Partial<OpeningResource> = {}): OpeningResource => ({
  id: '331100:01ARZ3NDEKTSV4RRFFQ69G5FAV',
  name: 'x',
  summary: 'y',
  status: 'PUBLISHED',
  openAttribute: 'UNCONDITIONAL',
  securityGrade: 'GENERAL',
  format: 'DATABASE',
  updateFrequency: 'DAILY',
  provider: { id: 'p' },
  ...over,
});

describe('checkOpenable', () => {
  test.each(['CORE', 'IMPORTANT'] as const)('%s data is never opened, whatever the catalog says [CAT-4, Z §9]', (grade) => {
    expect(refusal(() => checkOpenable(entry({ securityGrade: grade }), ['API'], { restrictedDownloadable: false }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.resourceId',
    });
  });

  test('RESTRICTED download follows the policy parameter [OPN-2, Z §20]', () => {
    const restricted = entry({ openAttribute: 'RESTRICTED' });
    expect(refusal(() => checkOpenable(restricted, ['DOWNLOAD'], { restrictedDownloadable: false })).field).toBe('input.accessMethods');
    expect(checkOpenable(restricted, ['DOWNLOAD'], { restrictedDownloadable: true })).toBe('RESTRICTED');
    expect(checkOpenable(entry(), ['DOWNLOAD'], { restrictedDownloadable: false })).toBe('UNCONDITIONAL');
  });
});

describe('proposals for the open catalog [OPN-1, B §31]', () => {
  test('a new or returned dataset is proposed for opening, an OPEN one changed, a suspended or withdrawn one reopened [B §31, Z §35]', () => {
    expect(proposalKindFor(null)).toBe('OPEN');
    expect(proposalKindFor({ status: 'RETURNED', proposalStatus: 'RETURNED' })).toBe('OPEN');
    expect(proposalKindFor({ status: 'OPEN', proposalStatus: null })).toBe('CHANGE');
    expect(proposalKindFor({ status: 'OPEN', proposalStatus: 'RETURNED' })).toBe('CHANGE');
    expect(proposalKindFor({ status: 'SUSPENDED', proposalStatus: null })).toBe('REOPEN');
    expect(proposalKindFor({ status: 'WITHDRAWN', proposalStatus: null })).toBe('REOPEN');
  });

  test('one proposal awaits review at a time: a second is a CONFLICT [B §31]', () => {
    expect(refusal(() => proposalKindFor({ status: 'OPEN', proposalStatus: 'SUBMITTED' })).code).toBe('CONFLICT');
    expect(refusal(() => checkWithdrawable({ status: 'OPEN', proposalStatus: 'SUBMITTED' })).code).toBe('CONFLICT');
  });

  test('only an OPEN or SUSPENDED dataset can be withdrawn [Z §35]', () => {
    expect(() => checkWithdrawable({ status: 'SUSPENDED', proposalStatus: null })).not.toThrow();
    expect(refusal(() => checkWithdrawable({ status: 'PROPOSED', proposalStatus: null })).code).toBe('CONFLICT');
    expect(refusal(() => checkWithdrawable({ status: 'WITHDRAWN', proposalStatus: null })).code).toBe('CONFLICT');
  });

  test('an approval opens, changes or reopens the dataset, or withdraws it [B §31, Z §35]', () => {
    expect(['OPEN', 'CHANGE', 'REOPEN'].map((k) => statusAfterApproval(k as 'OPEN'))).toEqual(['OPEN', 'OPEN', 'OPEN']);
    expect(statusAfterApproval('WITHDRAW')).toBe('WITHDRAWN');
  });

  test('data that became RESTRICTED keeps every method but DOWNLOAD [OPN-2, Z §20]', () => {
    expect(withoutDownload(['DOWNLOAD', 'API', 'MODEL'])).toEqual(['API', 'MODEL']);
    expect(withoutDownload(['DOWNLOAD'])).toEqual([]);
  });
});

describe('the data type of the open catalog [Z §10]', () => {
  test('defaults from the catalog format: an API or a stream is an interface, anything else a dataset [Z §10]', () => {
    expect(defaultDataType('API')).toBe('INTERFACE');
    expect(defaultDataType('STREAMING')).toBe('INTERFACE');
    expect(defaultDataType('SPREADSHEET')).toBe('DATASET');
    expect(defaultDataType(null)).toBe('DATASET');
  });

  test('a data interface is offered by API [Z §10, Z §20]', () => {
    expect(checkDataType(undefined, 'DATABASE', ['DOWNLOAD'])).toBe('DATASET');
    expect(checkDataType('INTERFACE', 'DATABASE', ['API'])).toBe('INTERFACE');
    expect(checkDataType('DATASET', 'API', ['DOWNLOAD'])).toBe('DATASET');
    expect(refusal(() => checkDataType('INTERFACE', 'DATABASE', ['DOWNLOAD']))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dataType' });
    expect(refusal(() => checkDataType(null, 'API', ['DOWNLOAD']))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.accessMethods' });
  });
});
