import { describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { createServer, type AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from './errors.js';
import { statusFor } from './readiness.js';

/** A real driver error: pg connecting to a port where nothing listens any more. */
async function refusedConnectionError(): Promise<unknown> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  return client.connect().then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe('database unavailability', () => {
  test('a refused connection is unavailability, also wrapped as graphql-js wraps resolver errors', async () => {
    const err = await refusedConnectionError();
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(isDatabaseUnavailable(new GraphQLError('x', { originalError: err as Error }))).toBe(true);
  });

  test('bugs and failed statements are not: they stay internal errors', () => {
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value violates unique constraint "x_pkey"'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(false);
  });

  test('503 only when the whole answer failed for the database', () => {
    const err = { message: 'm', extensions: { code: 'DATABASE_UNAVAILABLE' } };
    expect(statusFor(200, JSON.stringify({ data: null, errors: [err] }))).toBe(503);
    expect(statusFor(200, JSON.stringify({ data: { _entities: [null, null] }, errors: [err, err] }))).toBe(503);
    expect(statusFor(200, JSON.stringify({ data: { a: { id: 1 }, b: null }, errors: [err] }))).toBe(200);
    expect(statusFor(200, JSON.stringify({ data: null, errors: [err, { message: 'n', extensions: { code: 'FORBIDDEN' } }] }))).toBe(200);
    expect(statusFor(400, JSON.stringify({ errors: [err] }))).toBe(400);
  });
});
