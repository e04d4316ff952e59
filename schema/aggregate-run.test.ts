import { describe, expect, test } from '@jest/globals';
import { runIdFor, runScopeOf, runScopeOfIds } from './aggregate-run.js';
import { isGlobalId, newId, regionOf } from './ids.js';

describe('a run’s scope and ID [D §17, Z §20]', () => {
  test('the scope is the lowest region containing every entry: the city for districts of it, the district for one', () => {
    expect(runScopeOf(['331102', '331181', '331100'])).toBe('331100');
    expect(runScopeOf(['331102', '331181'])).toBe('331100');
    expect(runScopeOf(['331102'])).toBe('331102');
    expect(runScopeOf([])).toBeNull();
    expect(runScopeOfIds([newId('331102'), 'not an id'])).toBeNull();
  });

  test('the run ID is a global ID of the scope, the same for a retry with the same key and another for another key', () => {
    const id = runIdFor('331100', 'user-1', 'key-1');
    expect(isGlobalId(id)).toBe(true);
    expect(regionOf(id)).toBe('331100');
    expect(runIdFor('331100', 'user-1', 'key-1')).toBe(id);
    expect(runIdFor('331100', 'user-1', 'key-2')).not.toBe(id);
    expect(runIdFor('331100', 'user-2', 'key-1')).not.toBe(id);
  });
});
