-- Partial indexes both SQLite and PostgreSQL understand: due heads, the head of each key,
-- dead letters per tenant, delivered rows to prune.
create index webhook_outbox_due on webhook_outbox (due_at, id) where state = 'pending';
create index webhook_outbox_key on webhook_outbox (tenant_id, ordering_key, id) where state = 'pending';
create index webhook_outbox_dead on webhook_outbox (tenant_id, id) where state = 'dead';
create index webhook_outbox_delivered on webhook_outbox (delivered_at) where state = 'delivered';
