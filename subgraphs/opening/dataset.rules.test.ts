import { describe, expect, test } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { checkOpenable, type OpeningResource } from './dataset.rules.js';

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
  provider: { id: 'p' },
  ...over,
});

function refusal(fn: () => unknown): { code: unknown; field: unknown; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphQLError);
    const g = e as GraphQLError;
    return { code: g.extensions.code, field: g.extensions.field, message: g.message };
  }
  throw new Error('expected a refusal');
}

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
