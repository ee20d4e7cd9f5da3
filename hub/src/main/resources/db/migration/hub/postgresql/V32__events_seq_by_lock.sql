-- Event sequence numbers are given by the writers under the log's append lock (V31), in commit
-- order; the identity sequence would give numbers in the order they were drawn, so it goes: an
-- insert without a number is an error, not a collision later.
alter table events alter column seq drop identity if exists;
