-- Each tenant's KPI definitions (issue 11, GET/PUT /v1/settings/kpi); null means the default
-- (service level within 20 s, short abandons under 5 s excluded, service level over offered).
alter table tenants add column kpi_service_level_seconds integer;
alter table tenants add column kpi_short_abandon_seconds integer;
alter table tenants add column kpi_short_abandons_excluded integer;
alter table tenants add column kpi_service_level_denominator text;

-- 15-minute buckets (epoch milliseconds of their UTC start) whose report rollups are out of date:
-- written in the same transaction as the call that changed them (CallStore.save) or the settings
-- that changed their definitions; generation grows at each new change, so the rollup loop deletes
-- the row only if nothing changed the bucket while it recomputed it.
create table report_dirty (
  tenant_id  text   not null,
  bucket     bigint not null,
  generation bigint not null,
  primary key (tenant_id, bucket)
);

-- The agent status history by time, for occupancy and pause time over a report's range.
create index agent_history_by_time on agent_status_history (tenant_id, started_at);
