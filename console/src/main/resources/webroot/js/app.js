// The console's entry module: hash routes, the header, the session and live updates.
import {api, can, session, clearSession, onUnauthorized, refreshSession, logout} from './api.js';
import {debounce, mount, notice} from './dom.js';
import * as live from './live.js';
import {renderLogin} from './views/login.js';
import {renderOverview} from './views/overview.js';
import {renderDevice} from './views/device.js';
import {renderAlarms, activeAlarmCount} from './views/alarms.js';
import {renderWorkOrders, renderWorkOrder} from './views/workorders.js';
import {renderGateways} from './views/gateways.js';
import {renderQuality} from './views/quality.js';
import {renderEnergy} from './views/energy.js';
import {renderAudit} from './views/audit.js';

const main = document.getElementById('main');
const topbar = document.querySelector('[data-testid="topbar"]');
const liveBadge = document.querySelector('[data-testid="live-status"]');
const who = document.querySelector('[data-testid="who"]');
const alarmCount = document.querySelector('[data-testid="nav-alarm-count"]');
let cleanup = () => {};
let loginMessage = null;

const routes = [
  [/^#\/overview$/, () => renderOverview(main)],
  [/^#\/devices\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})$/, m => renderDevice(main, m[1])],
  [/^#\/alarms$/, () => renderAlarms(main)],
  [/^#\/work-orders$/, () => renderWorkOrders(main)],
  [/^#\/work-orders\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})$/, m => renderWorkOrder(main, m[1])],
  [/^#\/gateways$/, () => renderGateways(main)],
  [/^#\/quality(?:\/([A-Za-z0-9][A-Za-z0-9._-]{0,63}))?$/, m => renderQuality(main, m[1])],
  [/^#\/energy$/, () => renderEnergy(main)],
  [/^#\/audit$/, () => renderAudit(main)],
];

function route() {
  cleanup();
  cleanup = () => {};
  const s = session();
  if (!s) {
    topbar.hidden = true;
    live.stop();
    cleanup = renderLogin(main, loginMessage, () => { loginMessage = null; afterLogin(); }) || (() => {});
    return;
  }
  topbar.hidden = false;
  document.querySelector('[data-testid="nav-audit"]').hidden = !can('READ_AUDIT');
  who.textContent = `${s.username} · ${s.roles.join(', ')} · ${s.sites.join(', ')}`;
  live.start();
  const hash = location.hash || '#/overview';
  for (const [pattern, view] of routes) {
    const m = hash.match(pattern);
    if (m) {
      document.querySelectorAll('.nav a').forEach(a => a.classList.toggle('active', hash.startsWith(a.getAttribute('href'))));
      cleanup = view(m) || (() => {});
      return;
    }
  }
  mount(main, notice('error', 'No such page.'));
}

async function afterLogin() {
  try {
    const details = await api('/api/v1/session');
    const s = session();
    Object.assign(s, details);
    sessionStorage.setItem('plantline.console.session', JSON.stringify(s));
  } catch (e) { /* the next call shows the problem */ }
  refreshAlarmCount();
  if (!location.hash || location.hash === '#/login') location.hash = '#/overview';
  else route();
}

async function refreshAlarmCount() {
  if (!session()) return;
  try {
    const n = await activeAlarmCount();
    alarmCount.textContent = n > 0 ? String(n) : '';
  } catch (e) { /* shown elsewhere */ }
}

onUnauthorized(message => {
  loginMessage = 'Please log in again (' + message + ').';
  route();
});

live.onLiveState(state => {
  liveBadge.dataset.state = state;
  liveBadge.textContent = {live: 'live', connecting: 'connecting…', reconnecting: 'reconnecting…',
    expired: 'session expired', off: 'offline'}[state] || state;
  if (state === 'expired') {
    clearSession();
    loginMessage = 'Your session expired; please log in again.';
    route();
  }
});

const countLater = debounce(refreshAlarmCount, 1000);
live.onLive(type => { if (type === 'alarm') countLater(); });

document.querySelector('[data-testid="logout"]').addEventListener('click', async () => {
  live.stop();
  await logout();
  loginMessage = 'Logged out.';
  location.hash = '#/login';
  route();
});

// Keep the session: a new token when the current one has less than 5 minutes left.
setInterval(async () => {
  const s = session();
  if (!s || new Date(s.expiresAt) - new Date() > 5 * 60 * 1000) return;
  try { await refreshSession(); } catch (e) { /* a 401 already sent the user to the login */ }
}, 30 * 1000);

window.addEventListener('hashchange', route);
route();
if (session()) refreshAlarmCount();
