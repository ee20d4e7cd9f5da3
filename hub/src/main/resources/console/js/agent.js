// The agent's workspace: own status with pause/unpause, screen-pops that become the live call
// card on answer and close at hang-up, click-to-call, own recent calls, missed calls of the queues.

import { callPhone, get, nationalPhone, post, query } from './api.js';
import { byId, el, fill } from './dom.js';
import { formatDateTime, formatDuration, t } from './i18n.js';
import { configureDialing, dial, label, phoneButton, refusal } from './calling.js';
import { startPage, stream } from './shell.js';

const pops = new Map(); // key (callid, or "ring:" + phone) -> {pop, node}
let extension = null;
let user = null;

function showStatus(agent) {
  const status = agent?.status ?? 'off';
  const node = byId('my-status-label');
  node.className = `status status-${['off', 'on', 'pause', 'ring', 'talk'].includes(status) ? status : 'other'}`;
  node.dataset.status = status;
  node.textContent = label('status', status);
  // Pause when not paused, unpause when paused (the PBX's answer moves the status).
  byId('pause').disabled = status === 'pause';
  byId('unpause').disabled = status !== 'pause';
  byId('my-status-timer').dataset.since = agent?.since ?? '';
  byId('my-status-timer').textContent = '';
}

async function loadStatus() {
  if (!extension) return;
  const agents = (await get('/v1/agents')).agents;
  showStatus(agents.find((agent) => agent.extension === extension));
}

async function changePause(paused) {
  const message = byId('status-message');
  message.textContent = '';
  try {
    await post(`/v1/agents/${encodeURIComponent(extension)}/${paused ? 'pause' : 'unpause'}`);
    message.textContent = t(paused ? 'agent.pause.sent' : 'agent.unpause.sent');
    message.className = 'message ok';
  } catch (failure) {
    message.textContent = refusal(failure);
    message.className = 'message error';
  }
}

function callRow(call, withQueue) {
  return el('tr', { dataset: { callid: call.callid } },
    el('td', {}, el('a', { href: `/console/call.html?id=${encodeURIComponent(call.callid)}`, text: formatDateTime(call.first_seen_at) })),
    withQueue ? el('td', { text: call.queue ?? '–' }) : el('td', { text: label('direction', call.direction) }),
    el('td', {}, phoneButton(callPhone(call))),
    el('td', { text: call.outcome ? label('outcome', call.outcome) : label('state', call.state) }),
    withQueue ? null : el('td', { class: 'num', text: formatDuration(call.billsec ?? call.duration) }));
}

async function loadCalls() {
  if (extension) {
    const recent = (await get('/v1/calls' + query({ extension, limit: 15 }))).calls;
    fill(byId('recent'), recent.map((call) => callRow(call, false)));
  }
  const queues = user.queues ?? [null];
  const missed = [];
  for (const queue of queues) {
    missed.push(...(await get('/v1/calls' + query({ queue, outcome: 'missed', limit: 10 }))).calls);
  }
  missed.sort((a, b) => (a.first_seen_at < b.first_seen_at ? 1 : -1));
  fill(byId('missed'), missed.slice(0, 10).map((call) => callRow(call, true)));
}

/** Screen-pops come as stream events ({customer, call, ...}) or from /v1/screen-pops (flat). */
function normalise(pop) {
  return {
    callid: pop.callid ?? pop.call?.callid ?? null,
    phone: nationalPhone(pop.phone_national ?? pop.customer?.phone_national, pop.phone ?? pop.customer?.phone, pop.customer?.raw),
    rawPhone: pop.phone ?? pop.customer?.phone ?? pop.customer?.raw,
    queue: pop.queue ?? pop.call?.queue ?? null,
    did: pop.did ?? pop.call?.did ?? null,
    at: pop.at ?? pop.call?.ringing_at ?? pop.call?.first_seen_at ?? new Date().toISOString(),
    contact: pop.contact ?? null,
    recent: pop.recent_calls ?? [],
    extensions: pop.extensions ?? (pop.extension ? [pop.extension] : []),
    state: 'ringing',
  };
}

function contactBlock(pop, card) {
  const contact = pop.contact;
  if (contact) {
    const link = contact.crm_url ?? contact.external_url;
    return el('div', { class: 'contact' },
      el('div', { class: 'contact-name' }, el('strong', { text: contact.name })),
      contact.company ? el('div', { class: 'muted', text: contact.company }) : null,
      link && /^https?:\/\//.test(link) ? el('a', { href: link, target: '_blank', rel: 'noopener noreferrer', text: t('pop.crm_link') }) : null);
  }
  const name = el('input', { name: 'name', required: true, 'aria-label': t('contact.name') , placeholder: t('contact.name') });
  const company = el('input', { name: 'company', 'aria-label': t('contact.company'), placeholder: t('contact.company') });
  const message = el('p', { class: 'message', role: 'status' });
  const form = el('form', { class: 'inline create-contact hidden' }, name, company,
    el('button', { type: 'submit', class: 'primary', text: t('contact.save') }), message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await post('/v1/contacts', { name: name.value.trim(), company: company.value.trim() || null, phones: [pop.rawPhone] });
      pop.contact = created;
      card.querySelector('.contact-slot').replaceChildren(contactBlock(pop, card));
    } catch (failure) {
      message.textContent = refusal(failure);
      message.className = 'message error';
    }
  });
  return el('div', { class: 'contact' },
    el('div', { class: 'muted', text: t('pop.unknown') }),
    el('button', { type: 'button', class: 'create-contact-open', text: t('contact.create'), onclick: () => { form.classList.remove('hidden'); name.focus(); } }),
    form);
}

function renderPop(pop) {
  const card = el('article', { class: 'card pop', role: 'region', 'aria-label': t('pop.heading'), dataset: { callid: pop.callid ?? '', phone: pop.phone } });
  const talking = pop.state === 'talking';
  card.classList.toggle('talking', talking);
  card.dataset.state = pop.state;
  const state = el('p', { class: 'pop-state' },
    el('strong', { class: 'pop-state-label', text: t(talking ? 'pop.talking' : 'pop.ringing') }), ' ',
    el('span', { class: 'timer', dataset: { since: talking ? pop.answeredAt : pop.at } }));
  card.append(
    el('h2', { text: t(talking ? 'pop.live_heading' : 'pop.heading') }),
    state,
    el('p', { class: 'caller' }, phoneButton(pop.phone)),
    el('div', { class: 'contact-slot' }, contactBlock(pop, card)),
    el('p', { class: 'muted' },
      el('span', { text: t('pop.queue', { queue: pop.queue ?? '–' }) }), ' · ',
      el('span', { text: t('pop.did', { did: pop.did ?? '–' }) })),
    el('h3', { text: t('pop.recent') }),
    pop.recent.length
      ? el('ul', {}, pop.recent.slice(0, 5).map((call) => el('li', {},
          el('a', { href: `/console/call.html?id=${encodeURIComponent(call.callid)}`, text: formatDateTime(call.started_at ?? call.first_seen_at) }),
          ' ', label('direction', call.direction), ' · ', call.outcome ? label('outcome', call.outcome) : label('state', call.state))))
      : el('p', { class: 'muted', text: t('pop.no_recent') }));
  return card;
}

function showPop(raw) {
  const pop = normalise(raw);
  if (extension && pop.extensions.length && !pop.extensions.includes(extension)) return;
  const key = pop.callid ?? `ring:${pop.phone}`;
  if (pops.has(key)) return;
  if (pop.callid) {
    const ringOnly = pops.get(`ring:${pop.phone}`);
    if (ringOnly) {
      ringOnly.node.remove();
      pops.delete(`ring:${pop.phone}`);
    }
  }
  const node = renderPop(pop);
  pops.set(key, { pop, node });
  byId('pops').prepend(node);
  if (!pop.callid) {
    setTimeout(() => closePop(key), 60000);
  }
}

function rerenderPop(entry) {
  const node = renderPop(entry.pop);
  entry.node.replaceWith(node);
  entry.node = node;
}

function closePop(key) {
  const entry = pops.get(key);
  if (!entry) return;
  entry.node.remove();
  pops.delete(key);
}

function followCall(call) {
  const entry = pops.get(call.callid);
  if (entry) {
    if (call.state === 'talking' && entry.pop.state !== 'talking') {
      entry.pop.state = 'talking';
      entry.pop.answeredAt = call.answered_at ?? new Date().toISOString();
      rerenderPop(entry);
    } else if (call.state === 'ended') {
      closePop(call.callid);
    }
  }
  if (call.state === 'ended') scheduleCallsReload();
}

let reloadTimer = null;
function scheduleCallsReload() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => loadCalls().catch(() => {}), 800);
}

async function loadOpenPops() {
  for (const pop of await get('/v1/screen-pops')) showPop(pop);
}

async function start() {
  user = await startPage({ roles: ['agent', 'admin'] });
  extension = user.extension ?? new URLSearchParams(location.search).get('extension');
  byId('my-extension').textContent = extension ? t('agent.extension', { extension }) : '';
  if (!user.extension) {
    byId('dial-from-label').classList.remove('hidden');
    byId('dial-from').value = extension ?? '';
  }
  configureDialing(extension, byId('dial-message'));
  byId('pause').addEventListener('click', () => changePause(true));
  byId('unpause').addEventListener('click', () => changePause(false));
  byId('dial').addEventListener('submit', (event) => {
    event.preventDefault();
    const from = user.extension ?? (byId('dial-from').value.trim() || null);
    dial(byId('dial-phone').value.trim(), from);
  });
  stream.on('agent', (agent) => {
    if (agent.extension === extension) showStatus(agent);
  });
  stream.on('screen_pop', showPop);
  stream.on('call', followCall);
  stream.onOpen(({ first }) => {
    if (!first) Promise.all([loadStatus(), loadCalls()]).catch(() => {});
  });
  document.addEventListener('languagechange', () => {
    pops.forEach(rerenderPop);
    loadStatus().catch(() => {});
    loadCalls().catch(() => {});
  });
  await Promise.all([loadStatus(), loadCalls(), loadOpenPops()]);
  document.body.dataset.ready = 'true';
}

start();
