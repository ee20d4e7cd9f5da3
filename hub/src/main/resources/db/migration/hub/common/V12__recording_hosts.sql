-- Hosts besides the PBX API's and report's from which the hub fetches a tenant's recordings
-- (GET /v1/calls/{callid}/recording): comma-separated host names; null for none.
alter table tenants add column recording_hosts text;
