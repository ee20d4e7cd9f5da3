-- Where autovacuum runs, analyze the busy tables after 1% of new rows (the default waits for 10%,
-- hours on a log of millions). The hub does not rely on it: its plans hold unanalyzed (V20, and
-- plan_cache_mode = force_custom_plan on every connection; see docs/operations.md).
alter table events set (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
alter table calls set (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
alter table call_extensions set (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
alter table agent_status_history set (autovacuum_analyze_scale_factor = 0.01, autovacuum_analyze_threshold = 1000);
