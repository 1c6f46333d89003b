import {api, can, query, session} from '../api.js';
import {debounce, h, mount, notice, time} from '../dom.js';
import {onLive} from '../live.js';

const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];

// Which transitions each status allows (as the scheduling service's aggregate decides), and which
// permission each needs in the console.
const TRANSITIONS = {
  OPEN: ['assign', 'plan', 'cancel'],
  ASSIGNED: ['assign', 'start', 'plan', 'cancel'],
  IN_PROGRESS: ['complete', 'cancel'],
  DONE: ['verify'],
  VERIFIED: [],
  CANCELLED: [],
};
const NEEDS = {assign: 'WORK_ON_ORDERS', start: 'WORK_ON_ORDERS', complete: 'WORK_ON_ORDERS',
  cancel: 'MANAGE_ORDERS', plan: 'MANAGE_ORDERS', verify: 'MANAGE_ORDERS'};

function sitesOf() {
  const s = session();
  return (s.overviewSites && s.overviewSites.length ? s.overviewSites : s.sites.filter(x => x !== '*'));
}

export function renderWorkOrders(main) {
  const sites = sitesOf();
  const site = h('select', {testid: 'wo-site', onchange: () => load()}, sites.map(x => h('option', {value: x}, x)));
  const body = h('div', {testid: 'work-orders'});
  const create = can('MANAGE_ORDERS') ? createForm(site, () => load()) : null;
  mount(main, h('section', null,
    h('div', {class: 'toolbar'}, h('h1', null, 'Open work orders'), h('label', null, 'Site ', site)),
    body, create));
  async function load() {
    if (!site.value) { mount(body, notice('info', 'No site to show.')); return; }
    try {
      const r = await api('/api/v1/work-orders' + query({siteId: site.value, pageSize: 100}));
      mount(body, r.items.length === 0 ? notice('info', 'No open work orders.', 'no-work-orders') : h('table', {testid: 'work-order-table'},
        h('thead', null, h('tr', null, ['Work order', 'Asset', 'Priority', 'Status', 'Assignee', 'Opened', 'Occurrences'].map(t => h('th', null, t)))),
        h('tbody', null, r.items.map(w => h('tr', {testid: 'work-order-row', dataset: {workOrderId: w.workOrderId}},
          h('td', null, h('a', {href: '#/work-orders/' + w.workOrderId, testid: 'work-order-link'}, w.workOrderId)),
          h('td', null, h('a', {href: '#/devices/' + w.assetId}, w.assetId)),
          h('td', null, h('span', {class: ['badge', 'prio-' + w.priority.toLowerCase()]}, w.priority)),
          h('td', {testid: 'work-order-status'}, w.status),
          h('td', null, w.assignee || '—'),
          h('td', null, time(w.openedAt)),
          h('td', {class: 'num'}, String(w.occurrences)))))));
    } catch (e) {
      mount(body, notice('error', e.message, 'work-orders-error'));
    }
  }
  load();
  const later = debounce(load, 500);
  const off = onLive(type => { if (type === 'work-order') later(); });
  return () => { later.cancel(); off(); };
}

function createForm(site, created) {
  const asset = h('input', {placeholder: 'asset (device) id', required: true, testid: 'wo-create-asset'});
  const priority = h('select', {testid: 'wo-create-priority'}, PRIORITIES.map(p => h('option', {value: p}, p)));
  const reason = h('input', {placeholder: 'what is to be done', required: true, testid: 'wo-create-reason', class: 'wide-input'});
  const status = h('span', {class: 'muted'});
  return h('form', {class: 'card', testid: 'wo-create', onsubmit: async e => {
    e.preventDefault();
    try {
      const r = await api('/api/v1/work-orders', {method: 'POST', body: {siteId: site.value, assetId: asset.value, priority: priority.value, reason: reason.value}});
      status.textContent = 'opened ' + r.workOrderId;
      created();
    } catch (err) { status.textContent = err.message; }
  }}, h('h2', null, 'Open a work order'), asset, ' ', priority, ' ', reason, ' ', h('button', {type: 'submit'}, 'Open'), ' ', status);
}

function field(label, value, testid) {
  return [h('dt', null, label), h('dd', {testid}, value === undefined || value === null || value === '' ? '—' : value)];
}

function transitionForm(order, action, done) {
  const inputs = [];
  const body = {action, expectedVersion: order.version};
  if (action === 'assign') inputs.push(h('input', {name: 'assignee', placeholder: 'assignee (user id)', required: true, value: order.assignee || session().username, testid: 'wo-assignee'}));
  if (action === 'complete') inputs.push(h('input', {name: 'notes', placeholder: 'completion notes', testid: 'wo-notes'}));
  if (action === 'cancel') inputs.push(h('input', {name: 'reason', placeholder: 'why', required: true, testid: 'wo-cancel-reason'}));
  if (action === 'plan') {
    inputs.push(h('input', {name: 'plannedStart', type: 'datetime-local', required: true, testid: 'wo-planned-start'}));
    inputs.push(h('input', {name: 'plannedEnd', type: 'datetime-local', required: true, testid: 'wo-planned-end'}));
  }
  const status = h('span', {class: 'muted', testid: 'wo-action-status'});
  return h('form', {class: 'inline', testid: 'wo-form-' + action, onsubmit: async e => {
    e.preventDefault();
    for (const input of inputs) {
      if (!input.value) continue;
      body[input.name] = input.type === 'datetime-local' ? new Date(input.value).toISOString() : input.value;
    }
    try {
      await api(`/api/v1/work-orders/${order.workOrderId}/transitions`, {method: 'POST', body});
      done();
    } catch (err) { status.textContent = err.message; }
  }}, inputs, h('button', {type: 'submit', testid: 'wo-action-' + action}, action), status);
}

export function renderWorkOrder(main, id) {
  const box = h('div', {testid: 'work-order-detail'}, h('p', {class: 'muted'}, 'Loading…'));
  mount(main, h('section', null, h('div', {class: 'toolbar'}, h('h1', null, 'Work order ', h('span', {testid: 'wo-id'}, id))), box));
  async function load() {
    let o;
    try {
      o = await api('/api/v1/work-orders/' + id);
    } catch (e) {
      mount(box, notice('error', e.status === 404 ? 'No such work order.' : e.message, 'work-order-error'));
      return;
    }
    const allowed = (TRANSITIONS[o.status] || []).filter(a => can(NEEDS[a]));
    const comment = h('input', {placeholder: 'add a note', required: true, testid: 'wo-comment-text', class: 'wide-input'});
    const commentStatus = h('span', {class: 'muted'});
    mount(box,
      h('div', {class: 'columns'},
        h('div', {class: 'card'}, h('dl', null,
          field('Status', o.status, 'wo-status'),
          field('Priority', o.priority, 'wo-priority'),
          field('Site', o.siteId),
          field('Asset', h('a', {href: '#/devices/' + o.assetId}, o.assetId), 'wo-asset'),
          field('Reason', o.reason, 'wo-reason'),
          field('Rule', o.ruleId, 'wo-rule'),
          field('Alarms', (o.alarmIds || []).join(', '), 'wo-alarms'),
          field('Evidence', Object.entries(o.evidence || {}).map(([k, v]) => `${k} = ${v}`).join(', ')),
          field('Occurrences', String(o.occurrences)),
          field('Assignee', o.assignee, 'wo-assignee-value'),
          field('Opened', time(o.openedAt)),
          field('Planned', o.plannedStart ? `${time(o.plannedStart)} – ${time(o.plannedEnd)}` : null),
          field('Started', time(o.startedAt)),
          field('Completed', time(o.completedAt)),
          field('Version', String(o.version), 'wo-version'))),
        h('div', {class: 'card'},
          h('h2', null, 'Actions'),
          allowed.length ? allowed.map(a => transitionForm(o, a, load)) : h('p', {class: 'muted', testid: 'wo-no-actions'}, 'No transitions for your roles in this status.'),
          h('h2', null, 'Notes'),
          h('ul', {class: 'notes', testid: 'wo-notes-list'}, (o.notes || []).map(n => h('li', null, h('strong', null, n.author), ' ', time(n.at), ': ', n.text))),
          can('WORK_ON_ORDERS') ? h('form', {class: 'inline', testid: 'wo-comment', onsubmit: async e => {
            e.preventDefault();
            try {
              await api(`/api/v1/work-orders/${id}/comments`, {method: 'POST', body: {text: comment.value}});
              comment.value = '';
              load();
            } catch (err) { commentStatus.textContent = err.message; }
          }}, comment, h('button', {type: 'submit', testid: 'wo-comment-submit'}, 'Add note'), commentStatus) : null)));
  }
  load();
  const later = debounce(load, 300);
  const off = onLive((type, data) => { if (type === 'work-order' && data.workOrderId === id) later(); });
  return () => { later.cancel(); off(); };
}
