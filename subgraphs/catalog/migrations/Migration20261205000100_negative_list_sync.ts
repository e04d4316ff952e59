import { Migration } from '@mikro-orm/migrations';

/**
 * Under a negative-list profile the catalog's NOT_SHARED attribute and the negative list are one
 * truth [SHR-3, B §24]: sharing keeps a list line for every published NOT_SHARED entry, from the
 * catalog's change events. Entries published NOT_SHARED before those events existed get one event
 * each now, as their publication would have written it, so their lines appear too.
 */
export class Migration20261205000100 extends Migration {
  async up(): Promise<void> {
    this.addSql(`insert into "catalog".outbox_event (type, entity_id, region_code, data)
      select 'dataResource.changed', r.id, r.region_code, jsonb_build_object(
        'resourceId', r.id,
        'before', null,
        'after', jsonb_build_object('status', r.status, 'shareAttribute', r.share_attribute, 'openAttribute', r.open_attribute, 'securityGrade', r.security_grade),
        'reason', null,
        'entry', jsonb_build_object(
          'name', r.name,
          'providerId', r.provider_id,
          'legalBasis', r.legal_basis,
          'itemNames', coalesce((select jsonb_agg(i.name order by i.position) from "catalog".data_item i where i.resource_id = r.id), '[]'::jsonb)))
        from "catalog".data_resource r
       where r.status = 'PUBLISHED' and r.share_attribute = 'NOT_SHARED'
       order by r.seq`);
  }
}
