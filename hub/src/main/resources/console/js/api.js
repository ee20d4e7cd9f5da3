// The console's client of /v1: same-origin fetch with the session cookie, the CSRF token on every
// state-changing request, errors as {status, error, reason, message}.

let csrfToken = null;

/** A refusal or failure of the API, with the reply's JSON fields. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? body?.error ?? String(status));
    this.status = status;
    this.error = body?.error ?? null;
    this.reason = body?.reason ?? null;
    this.body = body;
  }
}

export function setCsrfToken(token) {
  csrfToken = token ?? null;
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.status === 401 && !path.startsWith('/v1/me') && !path.startsWith('/v1/session')) {
    // The session ended (expired, or logged out in another tab): log in again, then come back.
    location.replace('/console/index.html?next=' + encodeURIComponent(location.pathname + location.search));
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

/** Sends a file as it is (e.g. text/csv), with the CSRF token; answers the reply's JSON and headers. */
export async function upload(path, contentType, body) {
  const headers = { Accept: 'application/json', 'Content-Type': contentType };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return { json, location: response.headers.get('Location') };
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body ?? {});
export const put = (path, body) => request('PUT', path, body ?? {});
export const del = (path) => request('DELETE', path);

/** A query string from an object, blank values left out. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The caller's identity ({username, role, extension, queues, language, tenant, csrf_token}). */
export async function me() {
  const who = await get('/v1/me');
  setCsrfToken(who.csrf_token);
  return who;
}

/** A phone in national format: the API's phone_national, else 0 + the Vietnamese number. */
export function nationalPhone(national, e164, raw) {
  if (national) return national;
  if (e164 && e164.startsWith('+84')) return '0' + e164.slice(3);
  return raw ?? e164 ?? '';
}

/** The phone to show for a call record. */
export function callPhone(call) {
  return nationalPhone(call.phone_national ?? call.customer?.phone_national, call.customer?.phone ?? call.phone, call.customer?.raw);
}
