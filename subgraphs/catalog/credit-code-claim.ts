import { Entity, PrimaryKey, Property, type EntityManager } from '@mikro-orm/postgresql';
import { catalogOrganization } from '../kit/server/catalog-client.js';
import { conflict } from '../kit/server/errors.js';
import type { PeerClient } from '../kit/server/peers.js';
import type { InternalRoute } from '../kit/server/subgraph.js';
import { Organization } from './organization.entity.js';

/**
 * A unified social credit code names one organization in the whole federation [J §11, B §12]. Each
 * node's unique index keeps it once per node; across nodes, the city (root) node keeps a claim per
 * code, taken in the registering transaction, which is where two platforms registering the same
 * code at the same moment meet: the second finds the first's claim.
 */
@Entity({ tableName: 'credit_code_claim' })
export class CreditCodeClaim {
  @PrimaryKey({ type: 'text' })
  creditCode!: string;

  @Property({ type: 'text' })
  organizationId!: string;

  @Property({ type: 'text' })
  nodeId!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  claimedAt!: Date;
}

/**
 * A claim older than this whose organization no platform registered belonged to a registration that
 * failed after claiming (its transaction rolled back): the code is free again. Longer than any
 * registering transaction can stay open (statement and idle-in-transaction timeouts).
 */
const ABANDONED_AFTER_MS = 60_000;

export interface Claim {
  creditCode: string;
  organizationId: string;
  nodeId: string;
}

/** The organization that holds the code, or null once `claim` holds it (the root's side, in its transaction). */
export async function takeClaim(em: EntityManager, peers: PeerClient, claim: Claim): Promise<string | null> {
  const conn = em.getConnection();
  const trx = em.getTransactionContext();
  await conn.execute('select pg_advisory_xact_lock(hashtext(?))', [`catalog.credit_code_claim:${claim.creditCode}`], 'all', trx);
  const held = await em.findOne(CreditCodeClaim, { creditCode: claim.creditCode });
  if (!held) {
    em.create(CreditCodeClaim, { ...claim, claimedAt: new Date() });
    await em.flush();
    return null;
  }
  if (held.organizationId === claim.organizationId) return null;
  const registered =
    held.nodeId === peers.here.id ? (await em.count(Organization, { id: held.organizationId })) > 0 : (await catalogOrganization({ peers }, held.organizationId)) !== null;
  if (registered || Date.now() - held.claimedAt.getTime() < ABANDONED_AFTER_MS) return held.organizationId;
  em.assign(held, { organizationId: claim.organizationId, nodeId: claim.nodeId, claimedAt: new Date() });
  await em.flush();
  return null;
}

/** The root's internal endpoint another node's registration calls (kit/server/peers.ts `internal`). */
export const claimCreditCode: InternalRoute = async ({ em, peers }, body) => {
  const b = body as Partial<Claim>;
  if (typeof b.creditCode !== 'string' || typeof b.organizationId !== 'string' || typeof b.nodeId !== 'string') return { error: 'expected { creditCode, organizationId, nodeId }' };
  const claim = { creditCode: b.creditCode, organizationId: b.organizationId, nodeId: b.nodeId };
  const holder = await em.transactional((tx) => takeClaim(tx, peers, claim));
  return { holder };
};

export const creditCodeTaken = (creditCode: string, holder: string) =>
  conflict(
    `统一社会信用代码 ${creditCode} 已由机构 ${holder} 登记 / credit code ${creditCode} is already registered, to organization ${holder}: one code names one organization in the whole federation`,
  );

/**
 * Claims the code for a new organization, inside its registering transaction: on the root node in
 * that transaction itself, elsewhere through the root's endpoint. A code already held is a CONFLICT
 * naming its holder; without the root's answer nothing is registered.
 */
export async function claimForRegistration(em: EntityManager, peers: PeerClient, claim: Claim): Promise<void> {
  const root = peers.root;
  const holder =
    root.id === peers.here.id
      ? await takeClaim(em, peers, claim)
      : (await peers.internal<{ holder?: string | null; error?: string }>(root, 'catalog', 'credit-code-claim', claim)).holder;
  if (holder === undefined) throw new Error('the root catalog refused the credit-code claim');
  if (holder !== null) throw creditCodeTaken(claim.creditCode, holder);
}

/**
 * Organizations registered before claims existed: asked of every other node's catalog by code, so
 * a code registered anywhere is found. Null when none has it.
 */
export async function registeredElsewhere(peers: PeerClient, creditCode: string): Promise<string | null> {
  const others = peers.nodes.filter((n) => n.id !== peers.here.id);
  const found = await Promise.all(
    others.map((n) =>
      peers
        .queryAt<{ organizations: { edges: { node: { id: string } }[] } }>(
          n,
          'catalog',
          'query($c: String!) { organizations(creditCode: $c, first: 1) { edges { node { id } } } }',
          {
            c: creditCode,
          },
        )
        .then((d) => d.organizations.edges[0]?.node.id ?? null),
    ),
  );
  return found.find((id) => id !== null) ?? null;
}
