import { idempotencyMigration } from '../../kit/server/idempotency.js';

/** The kit's idempotency records: a retried mutation returns its first outcome (kit/idempotency.ts). */
export class Migration20261128030000 extends idempotencyMigration('operation') {}
