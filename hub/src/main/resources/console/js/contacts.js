// The contact book for supervisors and admins: search (name and company without their marks, a
// phone in any format), pages, create, edit, delete, CSV import with its progress and rejected
// rows, and export. Everything through /v1/contacts.

import { ApiError, del, get, post, put, query, upload } from './api.js';
import { byId, el, fill } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { startPage } from './shell.js';

const PAGE = 50;
let offset = 0;
let editing = null; // the contact being edited, or null for a new one

function say(text, ok) {
  const node = byId('message');
  node.textContent = text;
  node.className = `message ${ok ? 'ok' : 'error'}`;
}

function failed(failure) {
  say(failure instanceof ApiError ? failure.message : t('error.network'), false);
}

async function search() {
  try {
    const q = byId('q').value.trim();
    const page = await get(`/v1/contacts${query({ q, offset, limit: PAGE })}`);
    fill(byId('rows'), page.contacts.map((c) => el('tr', { dataset: { id: c.id } },
      el('td', { class: 'name', text: c.name }),
      el('td', { text: c.company ?? '' }),
      el('td', { class: 'phones', text: c.phones.map((p) => p.raw).join(', ') }),
      el('td', { text: c.owner_extension ?? '' }),
      el('td', {},
        el('button', { type: 'button', class: 'edit', text: t('contacts.edit'), onclick: () => edit(c) }),
        ' ',
        el('button', { type: 'button', class: 'delete', text: t('contacts.delete'), onclick: () => remove(c) })))));
    const last = Math.min(page.total, offset + page.contacts.length);
    byId('page').textContent = page.total === 0
      ? t('contacts.none')
      : t('contacts.page', { first: formatNumber(offset + 1), last: formatNumber(last), total: formatNumber(page.total) });
    byId('previous').disabled = offset === 0;
    byId('next').disabled = last >= page.total;
    document.body.dataset.searched = String(Number(document.body.dataset.searched ?? 0) + 1);
  } catch (failure) {
    failed(failure);
  }
}

function edit(contact) {
  editing = contact;
  byId('editor').classList.remove('hidden');
  byId('f-name').value = contact?.name ?? '';
  byId('f-company').value = contact?.company ?? '';
  byId('f-phones').value = (contact?.phones ?? []).map((p) => p.raw).join('\n');
  byId('f-owner').value = contact?.owner_extension ?? '';
  byId('f-notes').value = contact?.notes ?? '';
  byId('f-external-id').value = contact?.external_id ?? '';
  byId('f-external-url').value = contact?.external_url ?? '';
  byId('f-name').focus();
}

const blankToNull = (value) => (value.trim() === '' ? null : value.trim());

async function save(event) {
  event.preventDefault();
  const body = {
    name: byId('f-name').value.trim(),
    company: blankToNull(byId('f-company').value),
    phones: byId('f-phones').value.split(/[\n,;]+/).map((p) => p.trim()).filter(Boolean),
    owner_extension: blankToNull(byId('f-owner').value),
    notes: blankToNull(byId('f-notes').value),
    external_id: blankToNull(byId('f-external-id').value),
    external_url: blankToNull(byId('f-external-url').value),
  };
  try {
    const saved = editing ? await put(`/v1/contacts/${editing.id}`, body) : await post('/v1/contacts', body);
    say(t(editing ? 'contacts.saved' : 'contacts.created', { name: saved.name }), true);
    editing = null;
    byId('editor').classList.add('hidden');
    await search();
  } catch (failure) {
    failed(failure);
  }
}

async function remove(contact) {
  if (!confirm(t('contacts.delete.confirm', { name: contact.name }))) return;
  try {
    await del(`/v1/contacts/${contact.id}`);
    say(t('contacts.deleted', { name: contact.name }), true);
    await search();
  } catch (failure) {
    failed(failure);
  }
}

async function importFile(event) {
  event.preventDefault();
  const file = byId('file').files[0];
  if (!file) return;
  const status = byId('import-status');
  const progress = byId('progress');
  const rejected = byId('rejected');
  rejected.classList.add('hidden');
  try {
    const started = await upload('/v1/contacts/import', 'text/csv; charset=utf-8', file);
    progress.classList.remove('hidden');
    let job = started.json;
    while (job.state === 'running') {
      progress.max = Math.max(1, job.rows);
      progress.value = job.done;
      status.textContent = t('contacts.import.running', { done: formatNumber(job.done), rows: formatNumber(job.rows) });
      status.className = 'message';
      await new Promise((resolve) => setTimeout(resolve, 300));
      job = await get(started.location);
    }
    progress.max = Math.max(1, job.rows);
    progress.value = job.done;
    status.textContent = job.state === 'done'
      ? t('contacts.import.done', { created: formatNumber(job.created), updated: formatNumber(job.updated), rejected: formatNumber(job.rejected.length) })
      : job.error;
    status.className = `message ${job.state === 'done' ? 'ok' : 'error'}`;
    status.dataset.state = job.state;
    fill(rejected.querySelector('tbody'), job.rejected.map((row) => el('tr', {},
      el('td', { class: 'num', text: formatNumber(row.line) }), el('td', { text: row.reason }))));
    rejected.classList.toggle('hidden', job.rejected.length === 0);
    await search();
  } catch (failure) {
    status.textContent = failure instanceof ApiError ? failure.message : t('error.network');
    status.className = 'message error';
    status.dataset.state = 'refused';
  }
}

await startPage({ roles: ['supervisor', 'admin'], live: false });
byId('search').addEventListener('submit', (event) => {
  event.preventDefault();
  offset = 0;
  search();
});
byId('new').addEventListener('click', () => edit(null));
byId('cancel').addEventListener('click', () => {
  editing = null;
  byId('editor').classList.add('hidden');
});
byId('editor').addEventListener('submit', save);
byId('import').addEventListener('submit', importFile);
byId('previous').addEventListener('click', () => {
  offset = Math.max(0, offset - PAGE);
  search();
});
byId('next').addEventListener('click', () => {
  offset += PAGE;
  search();
});
await search();
document.body.dataset.ready = 'true';
