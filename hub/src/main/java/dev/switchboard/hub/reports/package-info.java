/**
 * Reports and KPIs (issue 11): each tenant's KPI definitions ({@link
 * dev.switchboard.hub.reports.KpiSettings}), the one implementation of the figures ({@link
 * dev.switchboard.hub.reports.QueueFigures}, {@link dev.switchboard.hub.reports.AgentFigures}) that
 * the wallboard and the reports share, the rollups per 15-minute bucket that keep a month's report
 * fast, and the {@code /v1/reports} routes. A report is never stale: buckets changed since their
 * rollup are counted live from the calls.
 */
package dev.switchboard.hub.reports;
