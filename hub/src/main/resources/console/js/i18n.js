// Message bundles (console/i18n/vi.json, en.json), the language choice and locale formatting.
// Every visible text comes from a bundle: data-i18n="key" on elements (data-i18n-placeholder,
// data-i18n-title, data-i18n-aria-label for attributes), t('key') in code.

const STORAGE_KEY = 'switchboard.language';
const LOCALES = { vi: 'vi-VN', en: 'en-GB' };
let language = 'vi';
let messages = {};
let timeZone = 'Asia/Ho_Chi_Minh';

export function storedLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'vi' ? stored : 'vi';
}

export function currentLanguage() {
  return language;
}

export function setTimeZone(zone) {
  if (zone) timeZone = zone;
}

export function tenantTimeZone() {
  return timeZone;
}

/** Loads a bundle and applies it to the page. */
export async function useLanguage(wanted) {
  const next = wanted === 'en' ? 'en' : 'vi';
  const response = await fetch(`/console/i18n/${next}.json`, { cache: 'no-cache' });
  messages = await response.json();
  language = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  apply(document);
  document.dispatchEvent(new CustomEvent('languagechange'));
}

/** The text of a key, with {name} placeholders filled in. A missing key shows as the key. */
export function t(key, values = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (values[name] ?? '').toString());
}

export function has(key) {
  return key in messages;
}

/** Applies the bundle to every element under root that names a key. */
export function apply(root) {
  root.querySelectorAll('[data-i18n]').forEach((node) => {
    node.textContent = t(node.dataset.i18n);
  });
  for (const attribute of ['placeholder', 'title', 'aria-label']) {
    const data = 'i18n' + attribute.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
    root.querySelectorAll(`[data-i18n-${attribute}]`).forEach((node) => {
      node.setAttribute(attribute, t(node.dataset[data]));
    });
  }
  if (document.body?.dataset.titleKey) document.title = t(document.body.dataset.titleKey);
}

const locale = () => LOCALES[language];

export function formatNumber(value) {
  return value === null || value === undefined ? '–' : new Intl.NumberFormat(locale()).format(value);
}

export function formatPercent(value) {
  return value === null || value === undefined
    ? '–'
    : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** A date and time in the tenant's time zone. */
export function formatDateTime(iso) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locale(), {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).format(new Date(iso));
}

export function formatTime(iso) {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locale(), {
    timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).format(new Date(iso));
}

/** Seconds as m:ss or h:mm:ss, digits in the language's format. */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  const total = Math.max(0, Math.floor(seconds));
  const two = new Intl.NumberFormat(locale(), { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(locale(), { useGrouping: false });
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  return hours > 0
    ? `${one.format(hours)}:${two.format(minutes)}:${two.format(secs)}`
    : `${one.format(minutes)}:${two.format(secs)}`;
}

/** The instant a calendar date (yyyy-mm-dd) starts in the tenant's time zone. */
export function startOfDay(date) {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(guess));
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  const asLocal = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return new Date(guess - (asLocal - guess)).toISOString();
}

/** Today's date (yyyy-mm-dd) in the tenant's time zone. */
export function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}
