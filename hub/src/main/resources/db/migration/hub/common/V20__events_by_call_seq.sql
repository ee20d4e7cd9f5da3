-- A call's events in log order (EventLog.eventsOfCall, countOfCall, describeCall) along one index
-- that leads with the tenant and the call and ends with seq, so no sort is needed. The old
-- (tenant_id, callid) index tied with events_by_extension on a PostgreSQL table never analyzed
-- (autovacuum off): a plan made while the log was empty used events_by_extension on tenant_id
-- alone and filtered callid, reading the whole log for every new call (issue 14).
create index events_by_call_seq on events (tenant_id, callid, seq);
drop index events_by_call;
