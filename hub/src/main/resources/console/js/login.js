// The login page: POST /v1/session, then the page of the user's role (or the page asked for).

import { ApiError, get, post, put, setCsrfToken } from './api.js';
import { currentLanguage, storedLanguage, t, useLanguage } from './i18n.js';
import { byId } from './dom.js';
import { homeOf } from './shell.js';

function destination(user) {
  const next = new URLSearchParams(location.search).get('next');
  // Only a path of this console, never another site.
  return next && next.startsWith('/console/') && !next.startsWith('//') ? next : homeOf(user.role);
}

async function start() {
  await useLanguage(storedLanguage());
  // A language chosen here, before login, becomes the user's once they log in.
  let chosen = false;
  byId('language').addEventListener('click', () => {
    chosen = true;
    useLanguage(currentLanguage() === 'vi' ? 'en' : 'vi');
  });
  try {
    const user = await get('/v1/me');
    location.replace(destination(user));
    return;
  } catch {
    // Not logged in: the form it is.
  }
  const message = byId('login-message');
  byId('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    const button = byId('login-submit');
    button.disabled = true;
    try {
      const reply = await post('/v1/session', {
        username: byId('username').value.trim(),
        password: byId('password').value,
      });
      setCsrfToken(reply.csrf_token);
      if (chosen && reply.user.language !== currentLanguage()) {
        await put('/v1/me/language', { language: currentLanguage() }).catch(() => {});
      }
      location.replace(destination(reply.user));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 429) {
        message.textContent = t('login.locked', { seconds: failure.body?.retry_after_seconds ?? '' });
      } else if (failure instanceof ApiError && failure.status === 401) {
        message.textContent = t('login.failed');
      } else {
        message.textContent = t('error.network');
      }
      byId('password').value = '';
      byId('password').focus();
    } finally {
      button.disabled = false;
    }
  });
  byId('username').focus();
}

start();
