-- Claims: a dispatcher marks the heads it is about to send with its owner id and a lease expiry
-- (epoch milliseconds of real, wall-clock time, whatever clock schedules the webhooks), so that
-- a webhook is sent by one dispatcher at a time, and several dispatchers can share this outbox.
-- A claim ends when its owner records the outcome (only its owner can) or when the lease expires.
-- refusals: how many attempts the CRM refused with a 4xx meaning "not this webhook".
alter table webhook_outbox add column claimed_by text;
alter table webhook_outbox add column claim_expires_at bigint;
alter table webhook_outbox add column refusals integer not null default 0;
-- The claims one dispatcher holds, to let go of them when it closes.
create index webhook_outbox_claimed on webhook_outbox (claimed_by) where claimed_by is not null;
