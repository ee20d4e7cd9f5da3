// The company's settings, for admins: time zone and routing, the webhook URL and its rotation
// (the new URL shown once), the PBX connection (the key written, never shown back) and its test,
// the console's users and the audit log with its filters.

import { ApiError, del, get, post, put, query } from './api.js';
import { byId, el, fill } from './dom.js';
import { formatDateTime, t } from './i18n.js';
import { startPage } from './shell.js';

let nextBefore = null;

function say(text, ok) {
  const node = byId('message');
  node.textContent = text;
  node.className = `message ${ok ? 'ok' : 'error'}`;
}

function failed(failure) {
  say(failure instanceof ApiError ? failure.message : t('error.network'), false);
}

function showTenant(tenant) {
  const zones = byId('time-zone');
  if (zones.options.length === 0) {
    const all = Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [tenant.time_zone];
    const list = all.includes(tenant.time_zone) ? all : [tenant.time_zone, ...all];
    fill(zones, list.map((zone) => el('option', { value: zone, text: zone })));
  }
  zones.value = tenant.time_zone;
  const routing = byId('routing');
  if (![...routing.options].some((o) => o.value === tenant.routing.policy)) {
    routing.append(el('option', { value: tenant.routing.policy, text: tenant.routing.policy }));
  }
  routing.value = tenant.routing.policy;
  byId('webhook-url').textContent = tenant.webhook.url;
  byId('pbx-url').value = tenant.pbx.api_url ?? '';
  byId('pbx-report-url').value = tenant.pbx.report_url ?? '';
  byId('pbx-domain').value = tenant.pbx.domain ?? '';
  byId('pbx-key').value = '';
  byId('pbx-key').placeholder = tenant.pbx.key_set ? t('admin.pbx.key.keep') : '';
  byId('pbx-key-set').textContent = t(tenant.pbx.key_set ? 'admin.pbx.key.set' : 'admin.pbx.key.unset');
}

async function loadTenant() {
  showTenant(await get('/v1/tenant'));
}

async function saveTenant(event) {
  event.preventDefault();
  try {
    showTenant(await put('/v1/tenant', { time_zone: byId('time-zone').value, routing_policy: byId('routing').value }));
    say(t('admin.saved'), true);
    document.body.dataset.saved = String(Number(document.body.dataset.saved ?? 0) + 1);
    await loadAudit(false);
  } catch (failure) {
    failed(failure);
  }
}

async function rotate() {
  if (!confirm(t('admin.webhook.confirm'))) return;
  try {
    const made = await post('/v1/tenant/webhook-token');
    byId('new-webhook-url').textContent = made.url;
    byId('new-webhook').classList.remove('hidden');
    await loadTenant();
  } catch (failure) {
    failed(failure);
  }
}

async function savePbx(event) {
  event.preventDefault();
  const body = {
    api_url: byId('pbx-url').value.trim(),
    report_url: byId('pbx-report-url').value.trim() || null,
    domain: byId('pbx-domain').value.trim(),
  };
  const key = byId('pbx-key').value;
  if (key) body.key = key;
  try {
    showTenant(await put('/v1/tenant/pbx', body));
    say(t('admin.saved'), true);
  } catch (failure) {
    failed(failure);
  }
}

async function testPbx() {
  const result = byId('pbx-result');
  try {
    const answer = await post('/v1/tenant/pbx/test');
    result.textContent = answer.ok
      ? t('admin.pbx.ok', { queues: answer.queues })
      : t('admin.pbx.failed', { reason: answer.message ?? answer.reason });
    result.className = `message ${answer.ok ? 'ok' : 'error'}`;
  } catch (failure) {
    result.textContent = failure instanceof ApiError ? failure.message : t('error.network');
    result.className = 'message error';
  }
}

function showPassword(username, password) {
  byId('password-for').textContent = t('admin.users.password', { username });
  byId('password').textContent = password;
  byId('password-once').classList.remove('hidden');
}

async function loadUsers() {
  const { users } = await get('/v1/users');
  fill(byId('users'), users.map((u) => el('tr', { dataset: { username: u.username } },
    el('td', { text: u.username }),
    el('td', { text: u.display_name ?? '' }),
    el('td', { text: t(`role.${u.role}`) }),
    el('td', { text: u.extension ?? '' }),
    el('td', { text: u.queues === null ? t('admin.users.all_queues') : u.queues.join(', ') }),
    el('td', {},
      el('button', { type: 'button', class: 'reset', text: t('admin.users.reset'), onclick: () => reset(u) }), ' ',
      el('button', { type: 'button', class: 'remove', text: t('admin.users.remove'), onclick: () => removeUser(u) })))));
}

async function addUser(event) {
  event.preventDefault();
  const queues = byId('u-queues').value.split(/[\s,;]+/).filter(Boolean);
  try {
    const made = await post('/v1/users', {
      username: byId('u-username').value.trim(),
      display_name: byId('u-name').value.trim() || null,
      role: byId('u-role').value,
      extension: byId('u-extension').value.trim() || null,
      queues: queues.length ? queues : null,
    });
    if (made.password) showPassword(made.username, made.password);
    byId('new-user').reset();
    await loadUsers();
  } catch (failure) {
    failed(failure);
  }
}

async function reset(user) {
  try {
    const made = await post(`/v1/users/${encodeURIComponent(user.username)}/password`);
    showPassword(made.username, made.password);
  } catch (failure) {
    failed(failure);
  }
}

async function removeUser(user) {
  if (!confirm(t('admin.users.remove.confirm', { username: user.username }))) return;
  try {
    await del(`/v1/users/${encodeURIComponent(user.username)}`);
    await loadUsers();
  } catch (failure) {
    failed(failure);
  }
}

async function loadAudit(older) {
  try {
    const page = await get(`/v1/audit${query({
      actor: byId('a-actor').value.trim(),
      action: byId('a-action').value.trim(),
      from: byId('a-from').value,
      to: byId('a-to').value,
      before: older ? nextBefore : null,
      limit: 50,
    })}`);
    const rows = page.entries.map((e) => el('tr', {},
      el('td', { text: formatDateTime(e.at) }), el('td', { text: e.actor }), el('td', { class: 'action', text: e.action }),
      el('td', { text: e.target }), el('td', { text: e.outcome }), el('td', { text: e.message ?? '' })));
    if (older) byId('audit').append(...rows);
    else fill(byId('audit'), rows);
    nextBefore = page.next_before;
    byId('older').disabled = nextBefore === null;
    document.body.dataset.audited = String(Number(document.body.dataset.audited ?? 0) + 1);
  } catch (failure) {
    failed(failure);
  }
}

await startPage({ roles: ['admin'], live: false });
byId('tenant').addEventListener('submit', saveTenant);
byId('rotate').addEventListener('click', rotate);
byId('pbx').addEventListener('submit', savePbx);
byId('pbx-test').addEventListener('click', testPbx);
byId('new-user').addEventListener('submit', addUser);
byId('audit-filters').addEventListener('submit', (event) => {
  event.preventDefault();
  loadAudit(false);
});
byId('older').addEventListener('click', () => loadAudit(true));
try {
  await Promise.all([loadTenant(), loadUsers(), loadAudit(false)]);
} catch (failure) {
  failed(failure);
}
document.body.dataset.ready = 'true';
