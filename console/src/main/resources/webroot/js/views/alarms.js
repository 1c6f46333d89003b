import {api, can, query} from '../api.js';
import {debounce, h, mount, notice, time} from '../dom.js';
import {onLive} from '../live.js';

const ACTIVE = 'RAISED,ACKNOWLEDGED,SHELVED';
// What happened to the last command on each alarm; kept across re-renders of the list.
const outcomes = new Map();

export async function activeAlarmCount() {
  const r = await api('/api/v1/alarms' + query({state: 'RAISED'}));
  return r.alarms.length;
}

function actions(a, changed) {
  if (!can('COMMAND_ALARMS') || a.state === 'CLEARED') return h('td', null);
  const outcome = outcomes.get(a.alarmId);
  const status = h('span', {class: outcome && outcome.error ? 'error-text' : 'muted', testid: 'alarm-action-status'},
    outcome ? outcome.text : '');
  const show = (text, error) => {
    outcomes.set(a.alarmId, {text, error});
    status.textContent = text;
    status.className = error ? 'error-text' : 'muted';
  };
  const send = async (verb, body) => {
    show('sending…', false);
    try {
      await api(`/api/v1/alarms/${a.alarmId}/${verb}`, {method: 'POST', body});
      show(verb === 'acknowledge' ? 'acknowledgement sent' : verb + ' sent', false);
      changed();
    } catch (e) {
      show(e.message, true);
    }
  };
  const minutes = h('input', {type: 'number', min: 1, max: 10080, value: 60, class: 'short', testid: 'shelve-minutes', 'aria-label': 'shelve minutes'});
  const reason = h('input', {placeholder: 'reason', testid: 'shelve-reason', 'aria-label': 'shelve reason'});
  const shelveForm = h('form', {class: 'inline', hidden: true, testid: 'shelve-form', onsubmit: e => {
    e.preventDefault();
    shelveForm.hidden = true;
    send('shelve', {durationMinutes: Number(minutes.value), reason: reason.value || undefined});
  }}, minutes, ' min ', reason, h('button', {type: 'submit', testid: 'shelve-confirm'}, 'Shelve'));
  return h('td', {class: 'actions'},
    !a.acknowledged ? h('button', {type: 'button', testid: 'alarm-ack', onclick: () => send('acknowledge', {})}, 'Acknowledge') : null,
    a.state !== 'SHELVED' ? h('button', {type: 'button', class: 'secondary', testid: 'alarm-shelve', onclick: () => { shelveForm.hidden = !shelveForm.hidden; }}, 'Shelve…') : null,
    a.state === 'SHELVED' ? h('button', {type: 'button', class: 'secondary', testid: 'alarm-unshelve', onclick: () => send('unshelve', {})}, 'Unshelve') : null,
    shelveForm, status);
}

function evidence(a) {
  return Object.entries(a.evidence || {}).map(([k, v]) => `${k} = ${v}`).join(', ');
}

/** A table of alarms; changed() is called after an accepted command. */
export function alarmTable(alarms, changed) {
  return h('table', {class: 'alarms', testid: 'alarm-table'},
    h('thead', null, h('tr', null, ['Severity', 'State', 'Device', 'Rule', 'Message', 'Raised', 'Work order', ''].map(t => h('th', null, t)))),
    h('tbody', null, alarms.map(a => h('tr', {testid: 'alarm-row', dataset: {alarmId: a.alarmId, state: a.state}, class: 'sev-row-' + a.severity.toLowerCase()},
      h('td', null, h('span', {class: ['badge', 'sev-' + a.severity.toLowerCase()]}, a.severity)),
      h('td', {testid: 'alarm-state'}, a.state + (a.acknowledged && a.state !== 'ACKNOWLEDGED' ? ' (acknowledged)' : '')),
      h('td', null, h('a', {href: '#/devices/' + a.deviceId}, a.deviceId), h('div', {class: 'muted'}, `${a.siteId} / ${a.areaId}`)),
      h('td', {testid: 'alarm-rule'}, a.ruleId),
      h('td', {testid: 'alarm-message'}, a.message,
        a.lastMessage && a.lastMessage !== a.message ? h('div', {class: 'muted', testid: 'alarm-last-message'}, a.lastMessage) : null,
        h('div', {class: 'muted'}, evidence(a))),
      h('td', null, time(a.raisedAt)),
      h('td', null, a.workOrderId ? h('a', {href: '#/work-orders/' + a.workOrderId, testid: 'alarm-work-order'}, a.workOrderId) : h('span', {class: 'muted'}, '—')),
      actions(a, changed)))));
}

export function renderAlarms(main) {
  const filter = h('select', {testid: 'alarm-filter', onchange: () => load()},
    h('option', {value: ACTIVE}, 'active'), h('option', {value: 'RAISED'}, 'unacknowledged'),
    h('option', {value: ''}, 'all, including cleared'));
  const body = h('div', {testid: 'alarms'});
  mount(main, h('section', null, h('div', {class: 'toolbar'}, h('h1', null, 'Alarms'), h('label', null, 'Show ', filter)), body));
  async function load() {
    try {
      const r = await api('/api/v1/alarms' + query({state: filter.value}));
      mount(body, r.alarms.length ? alarmTable(r.alarms, load) : notice('info', 'No alarms.', 'no-alarms'));
    } catch (e) {
      mount(body, notice('error', e.message, 'alarms-error'));
    }
  }
  load();
  const later = debounce(load, 300);
  const off = onLive(type => { if (type === 'alarm') later(); });
  return () => { later.cancel(); off(); };
}
