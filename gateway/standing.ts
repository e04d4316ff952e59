import { LRUCache } from 'lru-cache';
import type { Dispatcher } from 'undici';
import type { Actor } from '../schema/auth.js';
import type { NodeConfig, SubgraphName, TopologyIndex } from '../schema/topology.js';
import { internalPost } from '../platform/internal.js';
import type { NodeHealth } from './health.js';

/**
 * The standing of the account a token acts as (an OPERATOR's authorization, a USER's
 * registration), checked on every request before anything is routed: a suspended, revoked or
 * terminated account loses access everywhere in the federation at once [D §11, D §28, Z §39], not
 * only on the node that holds its record. The record's home node (the node hosting the region in
 * its ID) answers through a signed internal route (operation `operator-standing`, opening
 * `user-standing`); answers are kept ACCOUNT_STANDING_TTL_MS, so a decision takes effect within
 * that time on every node. A home node that cannot answer refuses the request (fail closed).
 */

/** How long an account's answer is reused: a suspension is felt everywhere within this time. */
export const ACCOUNT_STANDING_TTL_MS = 1000;
/** Accounts whose answer the gateway holds at once, bounded like the verified tokens. */
export const ACCOUNT_STANDING_CACHE_MAX = 10_000;

/** The gateway's own identity for these calls: internal routes answer SYSTEM only. */
const STANDING_SYSTEM_ACTOR: Actor = Object.freeze({ sub: 'gateway-standing', orgId: null, region: null, roles: ['SYSTEM'] }) as Actor;

/** What the home node answers (subgraphs/operation/standing.ts, subgraphs/opening/user-standing.ts). */
export interface StandingAnswer {
  found: boolean;
  /** GOOD: may act; SUSPENDED: for now; ENDED: for good; INACTIVE: not in force (term not begun or over). */
  standing?: 'GOOD' | 'SUSPENDED' | 'ENDED' | 'INACTIVE';
  /** The operator's organization: the token's `org` must be it. */
  organizationId?: string;
  /** The status shown to clients, and the dates that explain it. */
  status?: string;
  rectifyBy?: string | null;
  accessEndedOn?: string | null;
}

export interface StandingRefusal {
  status: number;
  code: 'UNAUTHENTICATED' | 'ACCOUNT_SUSPENDED' | 'ACCOUNT_REVOKED' | 'ACCOUNT_INACTIVE' | 'ACCOUNT_STANDING_UNAVAILABLE';
  message: string;
}

const KINDS = {
  operator: { subgraph: 'operation', route: 'operator-standing', label: '授权运营主体 / operator' },
  user: { subgraph: 'opening', route: 'user-standing', label: '利用主体 / public data user' },
} as const satisfies Record<string, { subgraph: SubgraphName; route: string; label: string }>;

export interface AccountStandingOptions {
  topology: TopologyIndex;
  internalSecret: string;
  timeoutMs: number;
  dispatcher?: Dispatcher;
  health?: NodeHealth;
}

export class AccountStanding {
  /** Answers in flight are shared: one call per account per TTL however many requests arrive. */
  private readonly answers = new LRUCache<string, Promise<StandingAnswer>>({ max: ACCOUNT_STANDING_CACHE_MAX, ttl: ACCOUNT_STANDING_TTL_MS });

  constructor(private readonly o: AccountStandingOptions) {}

  /** Null when the caller may go on; otherwise the refusal to answer with. Callers without an account (agencies, authorities…) pass. */
  async check(actor: Actor, requestId?: string): Promise<StandingRefusal | null> {
    const kind = actor.roles.includes('OPERATOR') ? 'operator' : actor.roles.includes('USER') ? 'user' : null;
    if (!kind) return null;
    const k = KINDS[kind];
    const account = actor.account;
    const node = account ? this.o.topology.nodeForId(account) : undefined;
    if (!account || !node) return unknownAccount(account ?? '(none)', k.label);
    let answer: StandingAnswer;
    try {
      answer = await this.answer(kind, node, account, requestId);
    } catch {
      return {
        status: 503,
        code: 'ACCOUNT_STANDING_UNAVAILABLE',
        message: `账号所在平台「${node.name}」暂时无法核验账号状态，请稍后重试 / the node "${node.id}" that holds account ${account} cannot confirm its standing now, so the request is refused: try again later`,
      };
    }
    if (!answer.found || (kind === 'operator' && answer.organizationId !== actor.orgId)) return unknownAccount(account, k.label);
    switch (answer.standing) {
      case 'GOOD':
        return null;
      case 'SUSPENDED':
        return {
          status: 403,
          code: 'ACCOUNT_SUSPENDED',
          message: `${k.label} ${account} 的平台使用权限已暂停${answer.rectifyBy ? `，须于 ${answer.rectifyBy} 前整改` : ''} [D §28, Z §39] / account ${account} is suspended${answer.rectifyBy ? ` until rectified (deadline ${answer.rectifyBy})` : ''}: every call with its tokens is refused [D §28, Z §39]`,
        };
      case 'ENDED':
        return {
          status: 403,
          code: 'ACCOUNT_REVOKED',
          message: `${k.label} ${account} 的授权已${answer.status === 'TERMINATED' ? `因逾期未整改于 ${answer.accessEndedOn} 终止` : '撤回或终止'}，不再享有平台使用权限 [D §11, D §28, Z §39] / account ${account} ${answer.status === 'TERMINATED' ? `ended on ${answer.accessEndedOn}, not rectified in time` : 'was revoked or terminated'}: it has no platform access any more [D §11, D §28, Z §39]`,
        };
      default:
        return {
          status: 403,
          code: 'ACCOUNT_INACTIVE',
          message: `${k.label} ${account} 的授权不在有效期内（${answer.status}）[D §10] / account ${account} is not in force (${answer.status}): its term has not begun or is over [D §10]`,
        };
    }
  }

  private answer(kind: keyof typeof KINDS, node: NodeConfig, account: string, requestId?: string): Promise<StandingAnswer> {
    const key = `${kind}\0${account}`;
    const cached = this.answers.get(key);
    if (cached) return cached;
    const fresh = this.ask(kind, node, account, requestId);
    this.answers.set(key, fresh);
    // A failure is not remembered: the next request asks again.
    fresh.catch(() => this.answers.get(key) === fresh && this.answers.delete(key));
    return fresh;
  }

  private async ask(kind: keyof typeof KINDS, node: NodeConfig, account: string, requestId?: string): Promise<StandingAnswer> {
    const { subgraph, route } = KINDS[kind];
    const down = this.o.health?.downReason(node, subgraph);
    if (down) throw new Error(`${subgraph}@${node.id} is down: ${down.reason}`);
    const res = await internalPost<StandingAnswer>({
      node,
      subgraph,
      path: `/internal/${route}`,
      actor: STANDING_SYSTEM_ACTOR,
      body: JSON.stringify({ id: account }),
      secret: this.o.internalSecret,
      requestId,
      timeoutMs: this.o.timeoutMs,
      dispatcher: this.o.dispatcher,
    });
    if (!res.ok || typeof res.body?.found !== 'boolean') throw new Error(`${subgraph}@${node.id} answered HTTP ${res.status}`);
    return res.body;
  }
}

function unknownAccount(account: string, label: string): StandingRefusal {
  return {
    status: 401,
    code: 'UNAUTHENTICATED',
    message: `令牌的账号 ${account} 不是已登记的${label}，或不属于令牌的机构 / token acct ${account} names no registered ${label.split(' / ')[1]} (of the token's organization): mint the token for the account it acts as`,
  };
}
