// What every console page shares: who is logged in, the header (navigation, language, logout,
// live indicator), the role check, and the one-second ticker that runs the timers.

import { ApiError, me, put, del, setCsrfToken } from './api.js';
import { apply, formatDuration, setTimeZone, storedLanguage, useLanguage, currentLanguage } from './i18n.js';
import * as stream from './stream.js';
import { byId } from './dom.js';

let clockOffset = 0;

/** The server's clock minus the browser's, from a server timestamp ("now"). */
export function syncClock(serverNow) {
  if (serverNow) clockOffset = Date.parse(serverNow) - Date.now();
}

/** Now, by the server's clock. */
export function serverNow() {
  return Date.now() + clockOffset;
}

/** Seconds since an ISO instant, by the server's clock. */
export function secondsSince(iso) {
  return iso ? Math.max(0, (serverNow() - Date.parse(iso)) / 1000) : null;
}

function tick() {
  document.querySelectorAll('[data-since]').forEach((node) => {
    node.textContent = node.dataset.since ? formatDuration(secondsSince(node.dataset.since)) : '';
  });
}

const HOME = { agent: '/console/agent.html', supervisor: '/console/wallboard.html', admin: '/console/wallboard.html' };

export function homeOf(role) {
  return HOME[role] ?? '/console/agent.html';
}

/**
 * Starts a page: the language, the user (a page needing a login sends the browser to the login
 * page without one), the header and, unless live is false, the stream. Returns the user.
 */
export async function startPage({ roles = null, live = true } = {}) {
  await useLanguage(storedLanguage());
  let user;
  try {
    user = await me();
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 401) {
      location.replace('/console/index.html?next=' + encodeURIComponent(location.pathname + location.search));
      return new Promise(() => {});
    }
    throw failure;
  }
  syncClock(user.now);
  setTimeZone(user.tenant?.time_zone);
  if (user.language && user.language !== currentLanguage()) await useLanguage(user.language);
  wireHeader(user);
  if (roles && !roles.includes(user.role)) {
    byId('forbidden')?.classList.remove('hidden');
    document.querySelector('main')?.classList.add('hidden');
    return new Promise(() => {});
  }
  if (live) stream.start(byId('live'));
  else byId('live')?.classList.add('hidden');
  setInterval(tick, 1000);
  document.addEventListener('languagechange', tick);
  return user;
}

// Every page's navigation, in one place: a page's header holds an empty <nav>, filled here with
// the links the user's role may open.
const NAV = [
  { href: '/console/agent.html', roles: ['agent', 'admin'], key: 'nav.agent' },
  { href: '/console/wallboard.html', roles: ['supervisor', 'admin'], key: 'nav.wallboard' },
  { href: '/console/calls.html', roles: ['agent', 'supervisor', 'admin'], key: 'nav.calls' },
  { href: '/console/callbacks.html', roles: ['agent', 'supervisor', 'admin'], key: 'nav.callbacks' },
  { href: '/console/reports.html', roles: ['supervisor', 'admin'], key: 'nav.reports' },
  { href: '/console/contacts.html', roles: ['supervisor', 'admin'], key: 'nav.contacts' },
  { href: '/console/admin.html', roles: ['admin'], key: 'nav.admin' },
];

function wireHeader(user) {
  const nav = document.querySelector('header.top nav');
  if (nav) {
    nav.replaceChildren(
      ...NAV.filter((item) => item.roles.includes(user.role)).map((item) => {
        const link = document.createElement('a');
        link.href = item.href;
        link.dataset.i18n = item.key;
        if (item.href === location.pathname) link.setAttribute('aria-current', 'page');
        return link;
      }),
    );
    apply(nav);
  }
  const name = byId('user-name');
  if (name) name.textContent = user.display_name || user.username;
  byId('language')?.addEventListener('click', async () => {
    const next = currentLanguage() === 'vi' ? 'en' : 'vi';
    await useLanguage(next);
    try {
      await put('/v1/me/language', { language: next });
    } catch {
      // Kept in this browser even when the hub could not store it.
    }
  });
  byId('logout')?.addEventListener('click', async () => {
    try {
      await del('/v1/session');
    } finally {
      setCsrfToken(null);
      location.replace('/console/index.html');
    }
  });
}

export { apply, stream };
