// One call: its record, its timeline of events (each webhook as received and as understood),
// and its recording played through the hub (seeking uses range requests).

import { ApiError, callPhone, get } from './api.js';
import { byId, el, fill } from './dom.js';
import { formatDateTime, formatDuration, t } from './i18n.js';
import { configureDialing, label, phoneButton, refusal } from './calling.js';
import { startPage, stream } from './shell.js';

let detail = null;

function row(key, value) {
  return el('tr', {}, el('th', { text: t(key) }), el('td', {}, value ?? '–'));
}

function drawRecord() {
  const call = detail.call;
  fill(byId('record'),
    row('call.field.phone', phoneButton(callPhone(call))),
    row('call.field.direction', label('direction', call.direction)),
    row('call.field.state', label('state', call.state)),
    row('call.field.outcome', call.outcome ? label('outcome', call.outcome) : '–'),
    row('call.field.queue', call.queue),
    row('call.field.did', call.did),
    row('call.field.agent', call.answered_by),
    row('call.field.attempts', (call.attempts ?? []).map((a) => `${a.extension} ${label('attempt', a.result)}`).join(', ') || '–'),
    row('call.field.first_seen', formatDateTime(call.first_seen_at)),
    row('call.field.answered', formatDateTime(call.answered_at)),
    row('call.field.ended', formatDateTime(call.ended_at)),
    row('call.field.duration', formatDuration(call.duration)),
    row('call.field.billsec', formatDuration(call.billsec)));
}

function drawTimeline() {
  fill(byId('timeline'), detail.events.map((event) => el('li', { dataset: { seq: String(event.seq) } },
    el('div', {}, el('strong', { text: label('event', event.type) }), ' ',
      el('span', { class: 'muted', text: t('call.event.meta', { seq: event.seq, at: formatDateTime(event.received_at), source: label('source', event.source) }) })),
    event.raw
      ? el('div', {}, el('span', { class: 'muted', text: t('call.as_received') }),
          el('pre', { class: 'raw', text: `${event.raw.method ?? ''} ${event.raw.path ?? ''} (${event.raw.format ?? ''})\n${event.raw.text ?? event.raw.query ?? event.raw.body ?? ''}`.trim() }))
      : null,
    el('div', {}, el('span', { class: 'muted', text: t('call.as_understood') }),
      el('pre', { class: 'fields', text: JSON.stringify(event.fields ?? {}, null, 2) })))));
}

async function recordingAvailable(url) {
  // One byte tells whether the hub has the recording, without fetching it all.
  const response = await fetch(url, { headers: { Range: 'bytes=0-0' }, credentials: 'same-origin' });
  return response.ok;
}

async function setUpRecording(callid) {
  const audio = byId('recording');
  const missing = byId('recording-missing');
  const url = `/v1/calls/${encodeURIComponent(callid)}/recording`;
  const hasOne = detail.call.recording || detail.call.recording_url;
  if (hasOne && (await recordingAvailable(url))) {
    audio.src = url;
    audio.classList.remove('hidden');
    missing.classList.add('hidden');
    audio.addEventListener('error', () => {
      audio.classList.add('hidden');
      missing.classList.remove('hidden');
    });
  } else {
    audio.classList.add('hidden');
    missing.classList.remove('hidden');
  }
}

async function start() {
  const user = await startPage();
  configureDialing(user.extension, byId('dial-message'));
  const callid = new URLSearchParams(location.search).get('id');
  // The record and timeline follow the call while it goes on.
  let reloadTimer = null;
  const reload = () => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(async () => {
      try {
        const hadRecording = Boolean(detail?.call.recording);
        detail = await get(`/v1/calls/${encodeURIComponent(callid)}`);
        drawRecord();
        drawTimeline();
        if (!hadRecording && detail.call.recording) await setUpRecording(callid);
      } catch {
        // Kept as shown; the next change tries again.
      }
    }, 300);
  };
  stream.on('call', (call) => {
    if (call.callid === callid && detail) reload();
  });
  byId('call-id').textContent = callid ?? '';
  try {
    detail = await get(`/v1/calls/${encodeURIComponent(callid ?? '')}`);
  } catch (failure) {
    byId('call-message').textContent =
      failure instanceof ApiError && failure.status === 404 ? t('call.not_found') : refusal(failure);
    document.body.dataset.ready = 'true';
    return;
  }
  drawRecord();
  drawTimeline();
  document.addEventListener('languagechange', () => {
    drawRecord();
    drawTimeline();
  });
  await setUpRecording(callid);
  document.body.dataset.ready = 'true';
}

start();
