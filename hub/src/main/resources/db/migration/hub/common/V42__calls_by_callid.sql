-- A call's tenants by its id: GET /v1/calls/{callid} without ?tenant= asks which tenants hold
-- the call, which without this index reads every call (55 ms at 1,000,000 calls on SQLite).
create index calls_by_callid on calls (callid);
