-- Callback items are derived from the call records; only their hand closes are stored.
create table callback_closes (
  tenant_id  text   not null,
  item_id    text   not null,
  reason     text   not null,
  closed_by  text   not null,
  closed_at  bigint not null,
  primary key (tenant_id, item_id)
);
