// The one shared connection to /v1/stream. EventSource resumes by itself with Last-Event-ID when
// a connection drops; when it gives up (the hub or a proxy answered something other than a
// stream), the page reconnects passing the last id it handled (?last_event_id=), and after a
// resync it starts afresh and the page reloads its state.

import { t } from './i18n.js';

const listeners = new Map();
const openListeners = [];
let source = null;
let lastEventId = null;
let opened = 0;
let retry = 1000;
let indicator = null;

/** Calls handler(data, id) for every event of this name ('call', 'agent', 'screen_pop', 'callback'). */
export function on(name, handler) {
  if (!listeners.has(name)) listeners.set(name, []);
  listeners.get(name).push(handler);
}

/** Calls handler({first}) whenever the stream (re)opens; the page reloads what it shows. */
export function onOpen(handler) {
  openListeners.push(handler);
}

export function lastId() {
  return lastEventId;
}

function setLive(live) {
  if (!indicator) return;
  indicator.classList.toggle('on', live);
  indicator.dataset.live = live ? 'true' : 'false';
  const text = indicator.querySelector('[data-i18n]');
  text.dataset.i18n = live ? 'live.on' : 'live.off';
  text.textContent = t(text.dataset.i18n);
  document.dispatchEvent(new CustomEvent('livechange', { detail: { live } }));
}

function dispatch(name, event) {
  if (event.lastEventId) lastEventId = event.lastEventId;
  let data = null;
  try {
    data = JSON.parse(event.data);
  } catch {
    return;
  }
  for (const handler of listeners.get(name) ?? []) handler(data, event.lastEventId);
}

function connect() {
  const url = lastEventId === null ? '/v1/stream' : `/v1/stream?last_event_id=${encodeURIComponent(lastEventId)}`;
  source = new EventSource(url);
  for (const name of ['call', 'agent', 'screen_pop', 'callback']) {
    source.addEventListener(name, (event) => dispatch(name, event));
  }
  source.addEventListener('resync', () => {
    source.close();
    lastEventId = null;
    setLive(false);
    setTimeout(connect, 500);
  });
  source.onopen = () => {
    retry = 1000;
    opened += 1;
    setLive(true);
    for (const handler of openListeners) handler({ first: opened === 1 });
  };
  source.onerror = () => {
    setLive(false);
    if (source.readyState === EventSource.CLOSED) {
      // Refused rather than dropped: a session that ended sends the page to the login.
      fetch('/v1/me', { credentials: 'same-origin' })
        .then((response) => {
          if (response.status === 401) {
            location.replace('/console/index.html?next=' + encodeURIComponent(location.pathname + location.search));
          }
        })
        .catch(() => {});
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 15000);
    }
  };
}

/** Starts the stream once; indicatorNode shows live/offline. */
export function start(indicatorNode) {
  indicator = indicatorNode;
  if (!source) connect();
}
