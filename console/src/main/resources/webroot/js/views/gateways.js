import {api} from '../api.js';
import {h, mount, notice, num, time} from '../dom.js';

function errors(byDevice) {
  const rows = Object.entries(byDevice || {});
  if (rows.length === 0) return h('span', {class: 'muted'}, 'none');
  return h('ul', {class: 'compact'}, rows.map(([device, codes]) =>
    h('li', null, device + ': ' + Object.entries(codes).map(([c, n]) => `${c} × ${num(n)}`).join(', '))));
}

export function renderGateways(main) {
  const body = h('div', {testid: 'gateways'});
  mount(main, h('section', null, h('div', {class: 'toolbar'}, h('h1', null, 'Gateway health')), body));
  async function load() {
    try {
      const r = await api('/api/v1/gateways/health');
      mount(body, r.gateways.length === 0 ? notice('info', 'No gateways configured (--gateway-metrics-url).', 'no-gateways') : h('table', {testid: 'gateway-table'},
        h('thead', null, h('tr', null, ['Gateway', 'State', 'Backlog', 'Oldest', 'Dropped', 'Poll errors', 'By device', 'Scraped'].map(t => h('th', null, t)))),
        h('tbody', null, r.gateways.map(g => h('tr', {testid: 'gateway-row', dataset: {name: g.name}},
          h('td', null, g.name, g.siteId ? h('div', {class: 'muted'}, g.siteId) : null),
          h('td', null, g.up ? h('span', {class: 'badge good'}, 'up') : h('span', {class: 'badge bad', title: g.error}, 'down')),
          h('td', {class: 'num', testid: 'gateway-backlog'}, g.up ? `${num(g.backlogRecords)} records` : '—'),
          h('td', {class: 'num'}, g.up ? num(g.oldestAgeSeconds) + ' s' : '—'),
          h('td', {class: 'num'}, g.up ? num(g.droppedRecords) : '—'),
          h('td', {class: 'num', testid: 'gateway-poll-errors'}, g.up ? num(g.pollErrorsTotal) : '—'),
          h('td', null, g.up ? errors(g.pollErrorsByDevice) : g.error),
          h('td', null, time(g.scrapedAt)))))));
    } catch (e) {
      mount(body, notice('error', e.message, 'gateways-error'));
    }
  }
  load();
  const timer = setInterval(load, 10000);
  return () => clearInterval(timer);
}
