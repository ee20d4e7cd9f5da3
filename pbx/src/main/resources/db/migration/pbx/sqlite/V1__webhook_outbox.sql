-- The webhook dispatcher's outbox: every webhook from enqueue to delivery or dead letter.
-- state: pending (due at due_at), delivered, dead. Times are epoch milliseconds.
-- The head of an ordering key is its pending row with the lowest id; only heads are sent.
create table webhook_outbox (
  id              integer primary key autoincrement,
  tenant_id       text    not null,
  ordering_key    text    not null,
  crm_base_url    text    not null,
  method          text    not null check (method in ('GET', 'POST_JSON')),
  path            text    not null,
  path_and_query  text    not null,
  json_body       text    not null,
  state           text    not null check (state in ('pending', 'delivered', 'dead')),
  enqueued_at     bigint  not null,
  due_at          bigint  not null,
  give_up_at      bigint  not null,
  attempts        integer not null default 0,
  last_error      text,
  delivered_at    bigint,
  dead_at         bigint
);
