-- Calls the PBX announced with empty call data (calldata?callid=X&calldate=): each is looked up
-- in the PBX's call-record report when due, then dropped.
create table call_lookups (
  tenant_id  text   not null,
  callid     text   not null,
  due_at     bigint not null,
  attempts   integer not null,
  primary key (tenant_id, callid)
);
create index call_lookups_by_due on call_lookups (due_at);
-- A ring notification pops to the agents of its queue: those rung by the queue's latest calls.
create index calls_by_queue on calls (tenant_id, queue, first_seen_at);
