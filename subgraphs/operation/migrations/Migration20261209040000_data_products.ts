import { Migration } from '@mikro-orm/migrations';

/**
 * Data products [OPR-5, D §3, D §21] and their pricing [OPR-6, B §35, J §23, D §18]: a product on
 * the operator's node, its sources (authorizations, entries and items), use, price in fen, review
 * and suspension by a catalog event; the guided price ranges each region's authority sets per kind;
 * the receipts and dead letters of the catalog events operation now consumes.
 */
export class Migration20261209040000 extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table "operation"."data_product" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      operator_id text collate "C" not null,
      organization_id text collate "C" not null,
      name text not null,
      kind text not null,
      description text not null,
      authorization_ids text[] not null,
      resource_ids text[] not null,
      sources jsonb not null,
      use text not null,
      use_condition text,
      price_fen integer not null,
      guided_range_id text collate "C",
      guided_range text,
      status text not null,
      status_reason text,
      catalog_event_id text,
      reviewed_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint data_product_kind check (kind in ('DATA_ELEMENT', 'DATA_PACKAGE', 'DATA_INTERFACE', 'DATA_SERVICE', 'DATA_REPORT', 'BUSINESS_SERVICE')),
      constraint data_product_use check (use in ('PUBLIC_GOVERNANCE', 'PUBLIC_WELFARE', 'INDUSTRY')),
      constraint data_product_status check (status in ('UNDER_REVIEW', 'RELEASED', 'REFUSED', 'SUSPENDED')),
      constraint data_product_price check (price_fen >= 0 and ((use = 'INDUSTRY') = (guided_range_id is not null)) and ((use = 'INDUSTRY') or (price_fen = 0 and use_condition is not null))),
      constraint data_product_reason check ((status in ('REFUSED', 'SUSPENDED')) <= (status_reason is not null))
    )`);
    this.addSql('create index data_product_region_seq on "operation"."data_product" (region_code, seq)');
    this.addSql('create index data_product_operator on "operation"."data_product" (operator_id)');
    // A catalog event finds the products built on its entry.
    this.addSql('create index data_product_resources on "operation"."data_product" using gin (resource_ids)');
    this.addSql(`create table "operation"."guided_price_range" (
      id text collate "C" primary key,
      seq text collate "C" not null unique,
      region_code text not null,
      kind text not null,
      min_fen integer not null,
      max_fen integer not null,
      basis text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null default 1,
      constraint guided_price_range_kind check (kind in ('DATA_ELEMENT', 'DATA_PACKAGE', 'DATA_INTERFACE', 'DATA_SERVICE', 'DATA_REPORT', 'BUSINESS_SERVICE')),
      constraint guided_price_range_bounds check (min_fen >= 0 and min_fen <= max_fen),
      constraint guided_price_range_one unique (region_code, kind)
    )`);
    // Operation consumes the catalog's events from here on (catalog-events.ts): receipts make each
    // take effect once, and one that fails again and again is set aside (kit/server/events.ts).
    this.addSql(`create table "operation"."event_receipt" (
      source text not null,
      event_id bigint not null,
      type text not null,
      entity_id text collate "C" not null,
      handled_at timestamptz not null default now(),
      primary key (source, event_id)
    )`);
    this.addSql('create index event_receipt_handled on "operation"."event_receipt" (handled_at)');
    this.addSql(`create table "operation"."event_dead_letter" (
      source text not null,
      event_id bigint not null,
      type text not null,
      entity_id text collate "C" not null,
      region_code text not null,
      data jsonb not null,
      occurred_at timestamptz not null,
      error text not null,
      attempts integer not null,
      first_failed_at timestamptz not null,
      last_failed_at timestamptz not null,
      primary key (source, event_id)
    )`);
    this.addSql('create index guided_price_range_region_seq on "operation"."guided_price_range" (region_code, seq)');
  }
}
