import {api, query, session} from '../api.js';
import {debounce, h, mount, notice, num, time} from '../dom.js';
import {sparkline} from '../charts.js';
import {onLive} from '../live.js';

function stateOf(d) {
  if (d.lastState === 'DEATH') return ['offline', 'bad'];
  if (d.lastState === 'BIRTH' || d.lastState === 'GAP') return ['online', 'good'];
  return [d.lastState ? d.lastState.toLowerCase() : 'unknown', 'unknown'];
}

function card(d) {
  const [label, kind] = stateOf(d);
  const metrics = (d.metrics || []).slice(0, 4).map(m =>
    h('li', null, h('span', {class: 'metric'}, m.metric), ' ',
      h('strong', null, num(m.value)), ' ', h('span', {class: 'unit'}, m.unit || '')));
  return h('article', {class: ['device-card', d.activeAlarms > 0 ? 'alarming' : null], testid: 'device-card', dataset: {deviceId: d.deviceId}},
    h('header', null,
      h('a', {href: '#/devices/' + d.deviceId, testid: 'device-link'}, d.deviceId),
      h('span', {class: ['badge', kind], testid: 'device-state'}, label)),
    h('p', {class: 'muted'}, `${d.siteId} / ${d.areaId || '—'} · seen ${time(d.lastSeen)}`),
    d.activeAlarms > 0
      ? h('p', {class: ['badge', 'sev-' + (d.worstSeverity || 'HIGH').toLowerCase()], testid: 'device-alarms'},
        `${d.activeAlarms} active alarm${d.activeAlarms > 1 ? 's' : ''}`)
      : null,
    d.error ? notice('error', d.error) : h('ul', {class: 'metrics'}, metrics),
    d.sparkline ? h('figure', null, sparkline(d.sparkline.points), h('figcaption', null, d.sparkline.metric + ', last hour')) : null);
}

export function renderOverview(main) {
  const s = session();
  const sites = (s.overviewSites && s.overviewSites.length ? s.overviewSites : s.sites.filter(x => x !== '*'));
  const select = h('select', {testid: 'overview-site', onchange: () => load()},
    h('option', {value: ''}, 'all my sites'), sites.map(x => h('option', {value: x}, x)));
  if (sites.length === 1) select.value = sites[0];
  const status = h('div', {testid: 'overview-status'});
  const grid = h('div', {class: 'grid', testid: 'overview-grid'});
  mount(main, h('section', null,
    h('div', {class: 'toolbar'}, h('h1', null, 'Plant overview'), h('label', null, 'Site ', select)),
    status, grid));
  let cards = new Map();
  async function load() {
    try {
      const r = await api('/api/v1/overview' + query({site: select.value}));
      cards = new Map();
      mount(grid, r.devices.map(d => { const c = card(d); cards.set(d.deviceId, {d, c}); return c; }));
      mount(status, r.devices.length === 0 ? notice('info', 'No devices in the registry for these sites yet.')
        : r.truncated ? notice('info', `Showing ${r.devices.length} of ${r.total} devices.`) : null);
    } catch (e) {
      mount(status, notice('error', 'Overview unavailable: ' + e.message, 'overview-error'));
    }
  }
  load();
  const later = debounce(load, 2000);
  const timer = setInterval(load, 30000);
  const off = onLive((type, data) => {
    const entry = cards.get(data.deviceId);
    if (!entry) return;
    if (type === 'device-status' && data.state !== 'GAP') {
      entry.d.lastState = data.state;
      entry.d.lastStateAt = data.occurredAt;
    } else if (type === 'alarm') {
      later();
      return;
    } else {
      return;
    }
    const fresh = card(entry.d);
    entry.c.replaceWith(fresh);
    entry.c = fresh;
  });
  return () => { clearInterval(timer); later.cancel(); off(); };
}
