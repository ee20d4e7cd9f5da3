// Reports for supervisors and admins: a date range in the company's time zone, totals, three
// charts (calls by hour, service level by day, agents compared), the tables by queue, agent, day
// and hour with their CSV, how each figure is counted (with the company's settings), and for an
// admin the KPI settings. Everything comes from GET /v1/reports; a supervisor's figures are those
// of their queues only, as the API answers them.

import { ApiError, get, put, query } from './api.js';
import { byId, el, fill } from './dom.js';
import { formatDuration, formatNumber, formatPercent, t } from './i18n.js';
import { startPage } from './shell.js';

const QUEUE_COLUMNS = [
  ['offered', 'n'], ['answered', 'n'], ['abandoned', 'n'], ['short_abandons', 'n'],
  ['answer_rate', '%'], ['abandon_rate', '%'], ['service_level', '%'], ['asa_seconds', 's'],
  ['longest_wait_seconds', 's'], ['aht_seconds', 's'], ['talk_seconds', 's'],
];
const AGENT_COLUMNS = [
  ['answered', 'n'], ['missed', 'n'], ['talk_seconds', 's'], ['aht_seconds', 's'],
  ['occupancy', '%'], ['pause_seconds', 's'],
];
const TOTALS = ['offered', 'answered', 'abandoned', 'short_abandons', 'answer_rate',
  'abandon_rate', 'service_level', 'asa_seconds', 'longest_wait_seconds', 'aht_seconds'];
const COLUMN_OF = Object.fromEntries([...QUEUE_COLUMNS, ...AGENT_COLUMNS]);
const charts = {};
let report = null;
let callbacks = null;
let user = null;

function format(value, kind) {
  if (value === null || value === undefined) return '–';
  if (kind === '%') return formatPercent(value);
  if (kind === 's') return formatDuration(Math.round(value));
  return formatNumber(value);
}

/** How a figure is counted, in the page's language, with the company's settings. */
function definition(field, settings) {
  const base = t(settings.short_abandons_excluded ? 'report.base.excluded' : 'report.base.included');
  const denominator = settings.service_level_denominator === 'offered'
    ? base
    : t('report.base.late', { seconds: settings.service_level_seconds });
  return t(`report.def.${field}`, {
    seconds: settings.service_level_seconds,
    short: settings.short_abandon_seconds,
    base,
    denominator,
  });
}

function header(first, columns, settings) {
  return el('thead', {}, el('tr', {},
    el('th', { text: t(first) }),
    columns.map(([field]) => el('th', {
      class: 'num', title: definition(field, settings), text: t(`report.col.${field}`),
    }))));
}

function table(id, firstKey, rows, label, columns) {
  fill(byId(id),
    header(firstKey, columns, report.settings),
    el('tbody', {}, rows.map((row) => el('tr', {},
      el('td', { text: label(row) }),
      columns.map(([field, kind]) => el('td', { class: 'num', dataset: { field }, text: format(row[field], kind) }))))));
}

function params() {
  const queue = byId('queue').value.trim();
  return { from: byId('from').value || null, to: byId('to').value || null, queue: queue || null };
}

function chart(id, config) {
  charts[id]?.destroy();
  // eslint-disable-next-line no-undef
  charts[id] = new Chart(byId(id), { ...config, options: { animation: false, responsive: true, ...config.options } });
}

function drawCharts() {
  const hours = report.by_hour;
  chart('chart-hours', {
    type: 'bar',
    data: {
      labels: hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`),
      datasets: [
        { label: t('report.col.answered'), data: hours.map((h) => h.answered), backgroundColor: '#2e7d32', stack: 'calls' },
        { label: t('report.col.abandoned'), data: hours.map((h) => h.abandoned), backgroundColor: '#c62828', stack: 'calls' },
      ],
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
  const days = report.by_day;
  chart('chart-days', {
    type: 'line',
    data: {
      labels: days.map((d) => d.day),
      datasets: [
        { label: t('report.col.service_level'), data: days.map((d) => (d.service_level === null ? null : Math.round(d.service_level * 1000) / 10)), borderColor: '#1565c0', spanGaps: true },
        { label: t('report.chart.target'), data: days.map(() => 80), borderColor: '#9e9e9e', borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    options: { scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } } },
  });
  const agents = report.by_agent.filter((a) => a.answered > 0 || a.missed > 0);
  chart('chart-agents', {
    type: 'bar',
    data: {
      labels: agents.map((a) => (a.name ? `${a.name} (${a.agent})` : a.agent)),
      datasets: [
        { label: t('report.col.answered'), data: agents.map((a) => a.answered), backgroundColor: '#2e7d32' },
        { label: t('report.col.missed'), data: agents.map((a) => a.missed), backgroundColor: '#ef6c00' },
      ],
    },
    options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

function render() {
  const settings = report.settings;
  byId('from').value = report.from;
  byId('to').value = report.to;
  byId('report-zone').textContent = t('report.zone', { zone: report.time_zone, from: report.from, to: report.to });
  fill(byId('totals'), TOTALS.map((field) => el('div', { class: 'card total', dataset: { field }, title: definition(field, settings) },
    el('div', { class: 'muted', text: t(`report.col.${field}`) }),
    el('div', { class: 'figure', text: format(report.totals[field], COLUMN_OF[field]) }))));
  table('table-queues', 'report.col.queue', report.by_queue, (r) => r.queue, QUEUE_COLUMNS);
  table('table-agents', 'report.col.agent', report.by_agent, (r) => (r.name ? `${r.name} (${r.agent})` : r.agent), AGENT_COLUMNS);
  table('table-days', 'report.col.day', report.by_day, (r) => r.day, QUEUE_COLUMNS);
  table('table-hours', 'report.col.hour', report.by_hour, (r) => `${String(r.hour).padStart(2, '0')}:00`, QUEUE_COLUMNS);
  const asked = { from: report.from, to: report.to, queue: params().queue };
  document.querySelectorAll('a.csv').forEach((link) => {
    link.href = `/v1/reports/${link.dataset.section}.csv${query(asked)}`;
  });
  const fields = [...new Set([...TOTALS, ...AGENT_COLUMNS.map(([f]) => f), 'talk_seconds'])];
  fill(byId('definitions'), fields.flatMap((field) => [
    el('dt', { text: t(`report.col.${field}`) }),
    el('dd', { dataset: { field }, text: definition(field, settings) }),
  ]));
  fill(byId('callbacks'), [
    ['items', formatNumber(callbacks.items ?? null)],
    ['resolved_by_callback', formatNumber(callbacks.resolved_by_callback ?? null)],
    ['callback_rate', formatPercent(callbacks.callback_rate ?? null)],
    ['mean_time_to_callback_seconds', format(callbacks.mean_time_to_callback_seconds, 's')],
    ['median_time_to_callback_seconds', format(callbacks.median_time_to_callback_seconds, 's')],
  ].map(([field, value]) => el('div', { class: 'card total', dataset: { field }, title: t(`report.callbacks.${field}.def`) },
    el('div', { class: 'muted', text: t(`report.callbacks.${field}`) }),
    el('div', { class: 'figure', text: value }))));
  drawCharts();
  fillSettings(settings);
}

function fillSettings(settings) {
  if (user.role !== 'admin') return;
  byId('kpi-settings').classList.remove('hidden');
  byId('kpi-sl').value = settings.service_level_seconds;
  byId('kpi-short').value = settings.short_abandon_seconds;
  byId('kpi-exclude').checked = settings.short_abandons_excluded;
  byId('kpi-denominator').value = settings.service_level_denominator;
}

async function load(asked) {
  const status = byId('report-status');
  status.textContent = t('report.loading');
  status.className = 'message';
  try {
    report = await get(`/v1/reports${query(asked)}`);
    // The work list's figures for the same days (a range it cannot count shows dashes).
    callbacks = await get(`/v1/callbacks/summary${query({ from: report.from, to: report.to, queue: asked.queue })}`)
      .catch(() => ({}));
    status.textContent = '';
    render();
    document.body.dataset.loaded = String(Number(document.body.dataset.loaded ?? 0) + 1);
  } catch (failure) {
    status.textContent = failure instanceof ApiError ? failure.message : t('error.network');
    status.className = 'message error';
  }
}

async function saveSettings(event) {
  event.preventDefault();
  const status = byId('kpi-status');
  try {
    await put('/v1/settings/kpi', {
      service_level_seconds: Number(byId('kpi-sl').value),
      short_abandon_seconds: Number(byId('kpi-short').value),
      short_abandons_excluded: byId('kpi-exclude').checked,
      service_level_denominator: byId('kpi-denominator').value,
    });
    status.textContent = t('report.settings.saved');
    status.className = 'message ok';
    await load(params());
  } catch (failure) {
    status.textContent = failure instanceof ApiError ? failure.message : t('error.network');
    status.className = 'message error';
  }
}

user = await startPage({ roles: ['supervisor', 'admin'], live: false });
byId('range').addEventListener('submit', (event) => {
  event.preventDefault();
  load(params());
});
byId('kpi-settings').addEventListener('submit', saveSettings);
document.addEventListener('languagechange', () => report && render());
// The first view: today in the company's time zone, as the hub's clock says.
await load({});
document.body.dataset.ready = 'true';
