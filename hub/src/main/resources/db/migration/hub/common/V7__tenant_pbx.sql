-- Where a tenant's PBX API is and how to call it. The key stays here: no API or page returns it.
alter table tenants add column pbx_api_url text;
alter table tenants add column pbx_report_url text;
alter table tenants add column pbx_key text;
alter table tenants add column pbx_domain text;
create index audit_log_by_tenant on audit_log (tenant_id, at);
