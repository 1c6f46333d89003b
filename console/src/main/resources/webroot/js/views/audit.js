import {api} from '../api.js';
import {h, mount, notice, time} from '../dom.js';

// The audit log (admins): who did what, when, from where and with which outcome, newest first,
// with whether the hash chain verified when the console started.
export function renderAudit(main) {
  const body = h('div', {testid: 'audit'});
  mount(main, h('section', null, h('div', {class: 'toolbar'}, h('h1', null, 'Audit log')), body));
  async function load() {
    try {
      const r = await api('/api/v1/audit?limit=200');
      const chain = r.chain.verified
        ? notice('info', `${r.total} entries; the hash chain verified when the console started.`, 'audit-chain')
        : notice('error', `The hash chain is broken at line ${r.chain.brokenAt}: the log was changed.`, 'audit-chain');
      mount(body, h('div', null, chain, h('table', {testid: 'audit-table'},
        h('thead', null, h('tr', null, ['#', 'When', 'Who', 'Roles', 'From', 'What', 'Status', 'Outcome'].map(t => h('th', null, t)))),
        h('tbody', null, r.entries.map(e => h('tr', {testid: 'audit-row', dataset: {seq: String(e.seq)}},
          h('td', {class: 'num'}, String(e.seq)),
          h('td', null, time(e.at)),
          h('td', null, e.actor),
          h('td', null, e.roles),
          h('td', null, e.source),
          h('td', null, e.action),
          h('td', {class: 'num'}, String(e.status)),
          h('td', null, h('span', {class: 'badge ' + (e.outcome === 'allowed' ? 'good' : 'bad')}, e.outcome))))))));
    } catch (e) {
      mount(body, notice('error', e.message, 'audit-error'));
    }
  }
  load();
}
