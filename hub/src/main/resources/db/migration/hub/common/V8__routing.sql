-- Sticky routing (the PBX asks {CRM_URL}/api/callcenter/route?phone=): each tenant's policy, off
-- unless set (null), and the window for "the agent who last talked with this number".
alter table tenants add column routing_policy text;
alter table tenants add column routing_window_seconds bigint;
-- The agent who owns a contact: asked first by the "owner" rule.
alter table contacts add column owner_extension text;
