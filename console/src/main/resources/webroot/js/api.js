// The console API client: the token lives in sessionStorage (gone with the tab), is sent as a
// Bearer header, and a 401 sends the user back to the login page. Tokens are short (15 min): the
// app refreshes its token while the session lasts (12 h from the login), and logout ends the
// session on the server, so a copied token stops working too.

const KEY = 'plantline.console.session';
let unauthorized = () => {};

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export function session() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (s && new Date(s.expiresAt) > new Date()) return s;
  } catch (e) { /* no session */ }
  return null;
}

export function saveSession(s) {
  sessionStorage.setItem(KEY, JSON.stringify(s));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}

// A new token of the same session; the session as saved, or null when it could not be refreshed.
export async function refreshSession() {
  const s = session();
  if (!s) return null;
  const fresh = await api('/api/v1/session/refresh', {method: 'POST'});
  const now = session();
  if (!now) return null;
  Object.assign(now, fresh);
  saveSession(now);
  return now;
}

// Ends the session here first, so that no request of this page uses the token while the server
// records the logout for every console replica, then on the server (every token of it).
export async function logout() {
  const s = session();
  clearSession();
  if (s) {
    try {
      await api('/api/v1/session', {method: 'DELETE', token: s.token});
    } catch (e) { /* ended here anyway */ }
  }
}

export function onUnauthorized(handler) {
  unauthorized = handler;
}

export function can(permission) {
  const s = session();
  return !!(s && s.permissions && s.permissions.includes(permission));
}

export async function api(path, {method = 'GET', body, token} = {}) {
  const headers = {Accept: 'application/json'};
  const bearer = token || session()?.token;
  if (bearer) headers.Authorization = 'Bearer ' + bearer;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'the console does not answer', null);
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = null; }
  }
  if (res.status === 401 && path !== '/api/v1/login') {
    clearSession();
    unauthorized((data && data.error) || 'session ended');
  }
  if (!res.ok) {
    let message = (data && data.error) || res.statusText || 'request failed';
    if (res.status === 429) message = 'Too many requests, retry in ' + (res.headers.get('Retry-After') || '1') + ' s';
    throw new ApiError(res.status, message, data);
  }
  return data;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const text = q.toString();
  return text ? '?' + text : '';
}
