import {api, can, query} from '../api.js';
import {debounce, h, mount, notice, num, time} from '../dom.js';
import {bucketChart} from '../charts.js';
import {onLive} from '../live.js';
import {alarmTable} from './alarms.js';

const RANGES = {'1h': ['PT1H', 'PT1M'], '6h': ['PT6H', 'PT5M'], '24h': ['PT24H', 'PT15M'], '7d': ['P7D', 'PT2H']};

function hours(iso) {
  const m = iso.match(/^P(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/);
  return (Number(m[1] || 0) * 24 + Number(m[2] || 0));
}

export function renderDevice(main, id) {
  const latest = h('div', {testid: 'device-latest'}, h('p', {class: 'muted'}, 'Loading…'));
  const metricSelect = h('select', {testid: 'device-metric', onchange: () => chart()});
  const rangeSelect = h('select', {testid: 'device-range', onchange: () => chart()},
    Object.keys(RANGES).map(k => h('option', {value: k}, k)));
  const chartBox = h('div', {class: 'chart-box', testid: 'device-chart-box'});
  const alarms = h('div', {testid: 'device-alarms-list'});
  const orders = h('div', {testid: 'device-work-orders'});
  const setpoint = can('WRITE_SETPOINTS') ? setpointCard(id) : null;
  mount(main, h('section', null,
    h('div', {class: 'toolbar'}, h('h1', null, 'Device ', h('span', {testid: 'device-id'}, id))),
    h('div', {class: 'columns'},
      h('div', {class: 'card'}, h('h2', null, 'Latest values'), latest),
      h('div', {class: 'card wide'}, h('div', {class: 'toolbar'}, h('h2', null, 'History'),
        h('label', null, 'Metric ', metricSelect), h('label', null, 'Range ', rangeSelect)), chartBox)),
    setpoint,
    h('div', {class: 'card'}, h('h2', null, 'Alarms'), alarms),
    h('div', {class: 'card'}, h('h2', null, 'Work orders'), orders)));

  async function loadLatest() {
    try {
      const r = await api(`/api/v1/devices/${id}/latest`);
      const chosen = metricSelect.value;
      mount(metricSelect, r.metrics.map(m => h('option', {value: m.metric}, m.metric)));
      if (chosen) metricSelect.value = chosen;
      mount(latest, r.metrics.length === 0 ? notice('info', 'No readings yet.') : h('table', null,
        h('thead', null, h('tr', null, h('th', null, 'Metric'), h('th', null, 'Value'), h('th', null, 'Quality'), h('th', null, 'At'))),
        h('tbody', null, r.metrics.map(m => h('tr', {testid: 'latest-row'},
          h('td', null, m.metric), h('td', {class: 'num'}, num(m.value) + ' ' + (m.unit || '')),
          h('td', null, m.quality || ''), h('td', null, time(m.sourceTime)))))));
      if (!chosen) chart();
    } catch (e) {
      mount(latest, notice('error', e.message, 'device-error'));
    }
  }

  async function chart() {
    const metric = metricSelect.value;
    if (!metric) return;
    const [range, step] = RANGES[rangeSelect.value];
    const to = new Date();
    const from = new Date(to.getTime() - hours(range) * 3600_000);
    try {
      const r = await api(`/api/v1/devices/${id}/telemetry` + query({metric, from: from.toISOString(), to: to.toISOString(), step}));
      mount(chartBox, bucketChart(r.buckets || [], {from: r.from, to: r.to}),
        h('p', {class: 'muted'}, `${metric}: band = min…max per ${step.slice(2).toLowerCase()}, line = average`));
    } catch (e) {
      mount(chartBox, notice('error', e.message, 'chart-error'));
    }
  }

  async function loadAlarms() {
    try {
      const r = await api('/api/v1/alarms' + query({deviceId: id}));
      mount(alarms, r.alarms.length ? alarmTable(r.alarms, loadAlarms) : h('p', {class: 'muted'}, 'No alarms.'));
    } catch (e) { mount(alarms, notice('error', e.message)); }
  }

  async function loadOrders() {
    try {
      const r = await api('/api/v1/work-orders' + query({assetId: id}));
      mount(orders, r.items.length ? h('ul', null, r.items.map(w => h('li', null,
        h('a', {href: '#/work-orders/' + w.workOrderId}, w.workOrderId), ` ${w.status} · ${w.priority} · opened ${time(w.openedAt)}`)))
        : h('p', {class: 'muted'}, 'No work orders.'));
    } catch (e) { mount(orders, notice('error', e.message)); }
  }

  loadLatest(); loadAlarms(); loadOrders();
  const timer = setInterval(loadLatest, 30000);
  const alarmsLater = debounce(loadAlarms, 300);
  const ordersLater = debounce(loadOrders, 300);
  const off = onLive((type, data) => {
    if (type === 'alarm' && data.deviceId === id) alarmsLater();
    if (type === 'work-order' && data.assetId === id) ordersLater();
  });
  return () => { clearInterval(timer); alarmsLater.cancel(); ordersLater.cancel(); off(); };
}

// An operator's write to a writable point: asked, confirmed, then sent; the device's gateway checks
// the point and its limits against the register map and the answer says what became of it.
function setpointCard(id) {
  const point = h('input', {testid: 'setpoint-point', placeholder: 'speed_setpoint_rpm', autocomplete: 'off'});
  const value = h('input', {testid: 'setpoint-value', type: 'number', step: 'any'});
  const result = h('div', {testid: 'setpoint-result'});
  const form = h('form', {class: 'toolbar', onsubmit: e => { e.preventDefault(); ask(); }},
    h('label', null, 'Point ', point), h('label', null, 'Value ', value),
    h('button', {type: 'submit', testid: 'setpoint-write'}, 'Write…'));

  function ask() {
    const p = point.value.trim();
    const v = Number(value.value);
    if (!p || value.value === '' || !Number.isFinite(v)) {
      mount(result, notice('error', 'Give a point and a number.'));
      return;
    }
    mount(result, h('p', null, `Write ${p} = ${v} to ${id}? `,
      h('button', {type: 'button', testid: 'setpoint-confirm', onclick: () => send(p, v)}, 'Confirm'), ' ',
      h('button', {type: 'button', onclick: () => mount(result)}, 'Cancel')));
  }

  async function send(p, v) {
    mount(result, h('p', {class: 'muted'}, `Writing ${p} = ${v}… (waiting for the gateway)`));
    try {
      const r = await api(`/api/v1/devices/${id}/setpoints`, {method: 'POST', body: {point: p, value: v}});
      mount(result, notice('info', `${r.outcome}: ${p} = ${v} at ${time(r.completedAt)} (command ${r.commandId})`, 'setpoint-applied'));
    } catch (e) {
      const outcome = e.body && e.body.outcome ? e.body.outcome + ': ' : '';
      mount(result, notice('error', outcome + e.message, 'setpoint-error'));
    }
  }

  return h('div', {class: 'card'}, h('h2', null, 'Setpoint'), form, result);
}
