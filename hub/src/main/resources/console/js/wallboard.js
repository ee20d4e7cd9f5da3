// The supervisor's wallboard: agent tiles (status colour, time in status, current call, today's
// counts, pause/unpause, spy), queue cards (waiting calls as first seen by the hub, agents by
// state, today's KPIs with colour thresholds), the live calls. ?tv=1: large type, no controls.

import { callPhone, get, nationalPhone, post } from './api.js';
import { byId, el, fill } from './dom.js';
import { formatDuration, formatNumber, formatPercent, t } from './i18n.js';
import { configureDialing, label, phoneButton, refusal } from './calling.js';
import { startPage, stream, syncClock } from './shell.js';

const STATUSES = ['off', 'on', 'pause', 'ring', 'talk'];
const SPY_MODES = ['whisper', 'threeway', 'caller', 'callee'];
const tiles = new Map(); // extension -> {data, node}
const liveCalls = new Map(); // callid -> LiveCall
let queues = [];
let user = null;

function say(text, ok) {
  const node = byId('action-message');
  node.textContent = text;
  node.className = `message controls ${ok ? 'ok' : 'error'}`;
}

async function act(path, body, doneKey) {
  try {
    await post(path, body);
    say(t(doneKey), true);
  } catch (failure) {
    say(refusal(failure), false);
  }
}

function tileSkeleton(extension) {
  const spyMode = el('select', { class: 'spy-mode', 'aria-label': t('spy.mode') },
    SPY_MODES.map((mode) => el('option', { value: mode, text: t(`spy.${mode}`) })));
  const node = el('article', { class: 'tile', dataset: { extension }, tabindex: '-1' },
    el('div', { class: 'line' }, el('span', { class: 'name' }), el('span', { class: 'muted ext', text: extension })),
    el('div', { class: 'line' }, el('span', { class: 'status' }), el('span', { class: 'timer status-timer' })),
    el('div', { class: 'line call' }, el('span', { class: 'call-phone' }), el('span', { class: 'timer call-timer' })),
    el('div', { class: 'line today muted' }),
    el('div', { class: 'actions' },
      // One button: pause when the agent is not paused, unpause when they are.
      el('button', { type: 'button', class: 'pause-toggle pause', onclick: () => togglePause(extension) }),
      spyMode,
      el('button', { type: 'button', class: 'spy', text: t('action.spy'), onclick: () => spy(extension, spyMode.value) })));
  return node;
}

function togglePause(extension) {
  const paused = tiles.get(extension)?.data.status === 'pause';
  act(`/v1/agents/${encodeURIComponent(extension)}/${paused ? 'unpause' : 'pause'}`, undefined,
    paused ? 'agent.unpause.sent' : 'agent.pause.sent');
}

function spy(target, mode) {
  if (!user.extension) {
    say(t('spy.no_extension'), false);
    return;
  }
  act('/v1/spy', { src: user.extension, dst: target, extension: user.extension, target, mode }, 'spy.sent');
}

function drawTile(entry) {
  const { data, node } = entry;
  const status = STATUSES.includes(data.status) ? data.status : 'other';
  node.className = `tile s-${status}`;
  node.dataset.status = data.status;
  node.querySelector('.name').textContent = data.name || data.extension;
  const badge = node.querySelector('.status');
  badge.className = `status status-${status}`;
  badge.textContent = label('status', data.status);
  node.querySelector('.status-timer').dataset.since = data.status_since ?? '';
  const call = data.call;
  const phone = node.querySelector('.call-phone');
  if (call) {
    phone.replaceChildren(
      el('span', { class: 'muted', text: label('direction.short', call.direction) + ' ' }),
      phoneButton(call.phone_national ?? nationalPhone(null, call.phone)));
    node.querySelector('.call-timer').dataset.since = call.since ?? '';
    node.dataset.callid = call.callid;
  } else {
    phone.replaceChildren();
    node.querySelector('.call-timer').dataset.since = '';
    node.querySelector('.call-timer').textContent = '';
    delete node.dataset.callid;
  }
  const today = data.today ?? {};
  node.querySelector('.today').textContent = t('tile.today', {
    answered: formatNumber(today.answered ?? null),
    missed: formatNumber(today.missed ?? null),
  });
  const toggle = node.querySelector('.pause-toggle');
  const paused = data.status === 'pause';
  toggle.className = `pause-toggle ${paused ? 'unpause' : 'pause'}`;
  toggle.textContent = t(paused ? 'action.unpause' : 'action.pause');
  toggle.disabled = data.status === 'off';
  node.querySelector('.spy').disabled = data.status !== 'talk';
  node.querySelector('.spy-mode').disabled = data.status !== 'talk';
}

function upsertTile(data) {
  let entry = tiles.get(data.extension);
  if (!entry) {
    entry = { data, node: tileSkeleton(data.extension) };
    tiles.set(data.extension, entry);
    const container = byId('tiles');
    const after = [...container.children].find((child) => child.dataset.extension > data.extension);
    container.insertBefore(entry.node, after ?? null);
  }
  entry.data = { ...entry.data, ...data };
  drawTile(entry);
}

function kpi(labelKey, value, level) {
  return el('div', { class: `kpi ${level ?? ''}` },
    el('div', { class: 'label', text: t(labelKey) }), el('div', { class: 'value', text: value }));
}

function level(value, good, warn, higherIsBetter) {
  if (value === null || value === undefined) return '';
  if (higherIsBetter) return value >= good ? 'good' : value >= warn ? 'warn' : 'bad';
  return value <= good ? 'good' : value <= warn ? 'warn' : 'bad';
}

function drawQueues() {
  fill(byId('queues'), queues.map((queue) => {
    const today = queue.today ?? {};
    const waiting = [...(queue.waiting ?? [])].sort((a, b) => (a.first_seen < b.first_seen ? -1 : 1));
    const agents = queue.agents ?? {};
    const abandonRate = today.offered ? today.abandoned / today.offered : null;
    return el('article', { class: 'card queue', dataset: { queue: queue.queue } },
      el('h2', { text: t('queue.title', { queue: queue.queue, name: queue.name && queue.name !== queue.queue ? queue.name : '' }) }),
      el('div', { class: 'line' },
        el('span', { text: t('queue.waiting', { count: formatNumber(waiting.length) }) }), ' · ',
        el('span', { text: t('queue.longest') }), ' ',
        el('strong', { class: 'timer longest', dataset: { since: waiting[0]?.first_seen ?? '' } })),
      el('p', { class: 'muted note', text: t('queue.waiting_note') }),
      el('div', { class: 'waiting' }, el('ul', {}, waiting.slice(0, 4).map((call) => el('li', { dataset: { callid: call.callid } },
        phoneButton(call.phone_national ?? nationalPhone(null, call.phone)), ' ',
        el('span', { class: 'timer', dataset: { since: call.first_seen } }))))),
      el('p', { class: 'agents-count', text: t('queue.agents', {
        free: formatNumber(agents.free ?? null), ringing: formatNumber(agents.ringing ?? null),
        talking: formatNumber(agents.talking ?? null), paused: formatNumber(agents.paused ?? null) }) }),
      el('div', { class: 'kpis' },
        kpi('kpi.offered', formatNumber(today.offered ?? null)),
        kpi('kpi.answered', formatNumber(today.answered ?? null)),
        kpi('kpi.abandoned', formatNumber(today.abandoned ?? null), level(abandonRate, 0.05, 0.1, false)),
        kpi('kpi.sl', formatPercent(today.service_level ?? null), level(today.service_level, 0.8, 0.6, true)),
        kpi('kpi.asa', formatDuration(today.asa_seconds ?? null), level(today.asa_seconds, 20, 60, false)),
        kpi('kpi.aht', formatDuration(today.aht_seconds ?? null)),
        kpi('kpi.callbacks_open', formatNumber(queue.callbacks_open ?? null))));
  }));
}

function drawLiveCalls() {
  const calls = [...liveCalls.values()].sort((a, b) => (a.since < b.since ? -1 : 1));
  fill(byId('live-calls'), calls.map((call) => el('tr', { dataset: { callid: call.callid } },
    el('td', {}, phoneButton(call.phone_national ?? nationalPhone(null, call.phone))),
    el('td', { text: label('direction', call.direction) }),
    el('td', { text: call.queue ?? '–' }),
    el('td', { text: call.extension ?? '–' }),
    el('td', { text: label('state', call.state) }),
    el('td', { class: 'num timer', dataset: { since: call.since } }))));
}

/** A call record (stream or /v1/calls) as a live call. */
function asLiveCall(call) {
  const ringing = (call.attempts ?? []).filter((attempt) => attempt.result === 'ringing').map((attempt) => attempt.extension);
  return {
    callid: call.callid,
    phone: call.customer?.phone ?? null,
    phone_national: callPhone(call),
    direction: call.direction,
    queue: call.queue,
    extension: call.answered_by ?? ringing[0] ?? null,
    ringing,
    state: call.state,
    since: call.state === 'talking' ? call.answered_at ?? call.first_seen_at : call.ringing_at ?? call.first_seen_at,
    first_seen: call.first_seen_at,
  };
}

function followCall(call) {
  const live = asLiveCall(call);
  if (call.state === 'ended') {
    liveCalls.delete(call.callid);
    scheduleReload();
  } else {
    liveCalls.set(call.callid, live);
  }
  for (const queue of queues) {
    const waiting = (queue.waiting ?? []).filter((w) => w.callid !== call.callid);
    if (call.state === 'ringing' && call.direction === 'inbound' && call.queue === queue.queue) {
      waiting.push({ callid: call.callid, phone: live.phone, phone_national: live.phone_national, first_seen: call.first_seen_at });
    }
    queue.waiting = waiting;
  }
  for (const entry of tiles.values()) {
    const mine = call.state !== 'ended' && (live.extension === entry.data.extension || live.ringing.includes(entry.data.extension));
    if (mine) {
      entry.data.call = { callid: live.callid, phone: live.phone, phone_national: live.phone_national, direction: live.direction, state: live.state, since: live.since };
      drawTile(entry);
    } else if (entry.data.call?.callid === call.callid) {
      entry.data.call = null;
      drawTile(entry);
    }
  }
  drawQueues();
  drawLiveCalls();
}

function followAgent(agent) {
  const entry = tiles.get(agent.extension);
  const data = { extension: agent.extension, status: agent.status, status_since: agent.since };
  if (agent.status !== 'ring' && agent.status !== 'talk') data.call = null;
  else if (agent.callid && liveCalls.has(agent.callid)) {
    const live = liveCalls.get(agent.callid);
    data.call = { callid: live.callid, phone: live.phone, phone_national: live.phone_national, direction: live.direction, state: live.state, since: live.since };
  }
  if (entry || !user.queues) upsertTile(data);
}

async function load() {
  const board = await get('/v1/wallboard');
  syncClock(board.now);
  const seen = new Set();
  for (const agent of board.agents) {
    seen.add(agent.extension);
    upsertTile(agent);
  }
  for (const [extension, entry] of tiles) {
    if (!seen.has(extension)) {
      entry.node.remove();
      tiles.delete(extension);
    }
  }
  queues = board.queues;
  liveCalls.clear();
  for (const call of board.live_calls) liveCalls.set(call.callid, call);
  drawQueues();
  drawLiveCalls();
  document.body.dataset.ready = 'true';
}

let reloadTimer = null;
function scheduleReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => load().catch(() => {}), 1500);
}

async function loadUntilDone() {
  for (;;) {
    try {
      await load();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5000));
    }
  }
}

async function start() {
  if (new URLSearchParams(location.search).get('tv') === '1') document.body.classList.add('tv');
  user = await startPage({ roles: ['supervisor', 'admin'] });
  configureDialing(user.extension, byId('action-message'));
  stream.on('agent', followAgent);
  stream.on('call', followCall);
  stream.onOpen(({ first }) => {
    if (!first) loadUntilDone();
  });
  document.addEventListener('languagechange', () => {
    for (const entry of tiles.values()) {
      const fresh = tileSkeleton(entry.data.extension);
      entry.node.replaceWith(fresh);
      entry.node = fresh;
      drawTile(entry);
    }
    drawQueues();
    drawLiveCalls();
  });
  await loadUntilDone();
}

start();
