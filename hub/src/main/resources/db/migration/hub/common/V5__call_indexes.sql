-- Screen-pops look up a customer's latest calls: by E.164, else by trailing digits, newest first.
drop index calls_by_customer;
create index calls_by_customer on calls (tenant_id, customer_e164, first_seen_at);
create index calls_by_customer_digits on calls (tenant_id, customer_digits, first_seen_at);
