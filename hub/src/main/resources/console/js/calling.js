// Click-to-call: the box and every phone number shown, through POST /v1/calls. The PBX's refusals
// come back with a reason the page says in words from its bundle.

import { ApiError, post } from './api.js';
import { el } from './dom.js';
import { has, t } from './i18n.js';

let fromExtension = null;
let messageNode = null;

/** Where calls are placed from and where their result is said. */
export function configureDialing(extension, node) {
  fromExtension = extension;
  messageNode = node;
}

function say(text, ok) {
  if (!messageNode) return;
  messageNode.textContent = text;
  messageNode.classList.toggle('error', !ok);
  messageNode.classList.toggle('ok', ok);
}

/** The words for a refusal. */
export function refusal(failure) {
  if (!(failure instanceof ApiError)) return t('error.network');
  if (failure.error === 'pbx_refused' || failure.reason) {
    const key = `pbx.reason.${failure.reason}`;
    return has(key) ? t(key) : t('pbx.reason.other');
  }
  if (failure.status === 403) return failure.error === 'csrf' ? t('error.csrf') : t('error.forbidden');
  if (failure.status === 401) return t('error.session');
  return t('error.refused', { message: failure.message });
}

/** Places a call from the configured extension (or the one given) to phone. */
export async function dial(phone, extension = fromExtension) {
  if (!extension) {
    say(t('dial.no_extension'), false);
    return false;
  }
  if (!phone) {
    say(t('dial.no_phone'), false);
    return false;
  }
  say(t('dial.calling', { phone, extension }), true);
  try {
    await post('/v1/calls', { extension, phone });
    say(t('dial.placed', { phone, extension }), true);
    return true;
  } catch (failure) {
    say(refusal(failure), false);
    return false;
  }
}

/** A phone number shown as a button that calls it. */
export function phoneButton(phone) {
  if (!phone) return el('span', { class: 'muted', text: '–' });
  // The TV wallboard has no controls: numbers are text there.
  if (document.body.classList.contains('tv')) return el('span', { class: 'phone-text', text: phone });
  return el('button', {
    type: 'button',
    class: 'phone',
    'data-phone': phone,
    title: t('dial.call_number', { phone }),
    text: phone,
    onclick: () => dial(phone),
  });
}

/** Bundle text for a code (status.on, outcome.missed...), the code itself when the bundle has none. */
export function label(prefix, code) {
  if (code === null || code === undefined) return '–';
  const key = `${prefix}.${code}`;
  return has(key) ? t(key) : code;
}
