import { expect } from '@jest/globals';
import { GraphQLError } from 'graphql';

/** What a rule that must refuse threw: its code, field and message (a rule that accepts fails the test). */
export function refusal(fn: () => unknown): { code: unknown; field: unknown; message: string } {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphQLError);
    const g = e as GraphQLError;
    return { code: g.extensions.code, field: g.extensions.field, message: g.message };
  }
  throw new Error('expected a refusal');
}
