// The callback work list: missed and abandoned calls merged per customer, queue and day, with
// filters (queue, status, day), "Call back" from the user's extension and "Close" with a reason.
// Kept current by the stream's `callback` events, without reloading.

import { get, nationalPhone, post, query } from './api.js';
import { byId, el, fill } from './dom.js';
import { formatDateTime, t } from './i18n.js';
import { refusal } from './calling.js';
import { startPage, stream } from './shell.js';

let user = null;
let filters = {};
const items = new Map();
const STATUS_KEYS = {
  open: 'callbacks.status.open',
  resolved: 'callbacks.status.resolved',
  closed: 'callbacks.status.closed',
};
// The status pill's colours, as the agents' ones: waiting (ringing), done (available), closed (off).
const STATUS_CLASSES = { open: 'status-ring', resolved: 'status-on', closed: 'status-off' };

function readFilters() {
  const form = new FormData(byId('filters'));
  const value = (name) => (form.get(name) ?? '').toString().trim();
  return { queue: value('queue'), status: value('status'), date: value('date') };
}

function matches(item) {
  if (filters.queue && item.queue !== filters.queue) return false;
  if (filters.status && item.status !== filters.status) return false;
  if (filters.date && item.day !== filters.date) return false;
  return true;
}

function say(text, error = false) {
  const message = byId('callbacks-message');
  message.textContent = text;
  message.classList.toggle('error', error);
}

async function callBack(item) {
  try {
    await post(`/v1/callbacks/${encodeURIComponent(item.id)}/call`);
    say(t('callbacks.dialing', { phone: nationalPhone(null, item.phone) }));
  } catch (failure) {
    say(refusal(failure), true);
  }
}

async function close(item) {
  const reason = window.prompt(t('callbacks.close.prompt'));
  if (reason === null) return;
  if (!reason.trim()) {
    say(t('callbacks.close.reason_required'), true);
    return;
  }
  try {
    const closed = await post(`/v1/callbacks/${encodeURIComponent(item.id)}/close`, { reason });
    items.set(closed.id, closed);
    say(t('callbacks.closed'));
    draw();
  } catch (failure) {
    say(refusal(failure), true);
  }
}

function resolvedText(item) {
  if (item.status === 'resolved') {
    return t('callbacks.resolved_by', { who: item.resolved_by ?? '–', at: formatDateTime(item.resolved_at) });
  }
  if (item.status === 'closed') {
    return t('callbacks.closed_by', { who: item.closed_by, at: formatDateTime(item.closed_at), reason: item.close_reason });
  }
  return '–';
}

function draw() {
  const shown = [...items.values()].filter(matches)
    .sort((a, b) => b.last_attempt_at.localeCompare(a.last_attempt_at));
  fill(byId('callbacks'), shown.map((item) => el('tr', { dataset: { id: item.id, status: item.status } },
    el('td', { class: 'phone', text: nationalPhone(null, item.phone), title: item.phone }),
    el('td', { text: item.queue ?? '–' }),
    el('td', { class: 'num', text: String(item.attempts_count) }),
    el('td', { text: formatDateTime(item.last_attempt_at) }),
    el('td', {}, el('span', { class: `status ${STATUS_CLASSES[item.status]}`, text: t(STATUS_KEYS[item.status]) })),
    el('td', { class: 'resolution', text: resolvedText(item) }),
    el('td', {},
      item.status === 'open' && user?.extension
        ? el('button', { type: 'button', class: 'call-back', text: t('callbacks.call_back'), onclick: () => callBack(item) })
        : null,
      item.status === 'open'
        ? el('button', { type: 'button', class: 'close', text: t('callbacks.close'), onclick: () => close(item) })
        : null))));
  if (!shown.length) {
    fill(byId('callbacks'), el('tr', {}, el('td', { colspan: '7', class: 'muted', text: t('callbacks.none') })));
  }
}

async function load() {
  say('');
  try {
    const page = await get('/v1/callbacks' + query({ ...filters, limit: 500 }));
    items.clear();
    for (const item of page.items) items.set(item.id, item);
    draw();
  } catch (failure) {
    say(refusal(failure), true);
  }
}

async function start() {
  user = await startPage({ roles: ['agent', 'supervisor', 'admin'] });
  byId('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    filters = readFilters();
    load();
  });
  stream.on('callback', (item) => {
    items.set(item.id, item);
    draw();
  });
  document.addEventListener('languagechange', draw);
  filters = readFilters();
  await load();
  document.body.dataset.ready = 'true';
}

start();
