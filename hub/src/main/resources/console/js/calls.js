// The call log: filters (dates in the tenant's time zone, phone in any format, agent, queue,
// direction, outcome), cursor paging, and a CSV export link for the same filters.

import { ApiError, callPhone, get, query } from './api.js';
import { byId, el, fill } from './dom.js';
import { formatDateTime, formatDuration, startOfDay, t } from './i18n.js';
import { configureDialing, label, phoneButton, refusal } from './calling.js';
import { startPage } from './shell.js';

let filters = {};
let cursors = [null];
let page = null;

function nextDay(date) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function readFilters() {
  const form = new FormData(byId('filters'));
  const value = (name) => (form.get(name) ?? '').toString().trim();
  const from = value('from');
  const to = value('to');
  return {
    from: from ? startOfDay(from) : '',
    // The last day is included: up to the start of the next day.
    to: to ? startOfDay(nextDay(to)) : '',
    phone: value('phone'),
    extension: value('extension'),
    queue: value('queue'),
    direction: value('direction'),
    outcome: value('outcome'),
  };
}

function draw() {
  if (!page) return;
  fill(byId('calls'), page.calls.map((call) => el('tr', { dataset: { callid: call.callid } },
    el('td', {}, el('a', { href: `/console/call.html?id=${encodeURIComponent(call.callid)}`, text: formatDateTime(call.first_seen_at) })),
    el('td', { text: label('direction', call.direction) }),
    el('td', {}, phoneButton(callPhone(call))),
    el('td', { text: call.queue ?? '–' }),
    el('td', { text: call.answered_by ?? call.attempts?.at(-1)?.extension ?? '–' }),
    el('td', { text: call.outcome ? label('outcome', call.outcome) : label('state', call.state) }),
    el('td', { class: 'num', text: formatDuration(call.billsec ?? call.duration) }),
    el('td', {}, el('a', { href: `/console/call.html?id=${encodeURIComponent(call.callid)}`, text: t('calls.open') })))));
  if (!page.calls.length) {
    fill(byId('calls'), el('tr', {}, el('td', { colspan: '8', class: 'muted', text: t('calls.none') })));
  }
  byId('next-page').disabled = !page.next_cursor;
  byId('first-page').disabled = cursors.length <= 1;
}

async function load(cursor) {
  const message = byId('calls-message');
  message.textContent = '';
  try {
    page = await get('/v1/calls' + query({ ...filters, cursor, limit: 50 }));
    draw();
  } catch (failure) {
    message.textContent = failure instanceof ApiError && failure.status === 400
      ? t('calls.bad_filter', { message: failure.message })
      : refusal(failure);
  }
}

async function search() {
  filters = readFilters();
  cursors = [null];
  byId('csv').href = '/v1/calls.csv' + query(filters);
  await load(null);
}

async function start() {
  const user = await startPage({ live: false });
  configureDialing(user.extension, byId('dial-message'));
  const params = new URLSearchParams(location.search);
  for (const name of ['phone', 'extension', 'queue', 'direction', 'outcome']) {
    if (params.get(name)) byId('filters').elements[name].value = params.get(name);
  }
  byId('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    search();
  });
  byId('next-page').addEventListener('click', () => {
    if (!page?.next_cursor) return;
    cursors.push(page.next_cursor);
    load(page.next_cursor);
  });
  byId('first-page').addEventListener('click', () => {
    cursors = [null];
    load(null);
  });
  document.addEventListener('languagechange', draw);
  await search();
  document.body.dataset.ready = 'true';
}

start();
