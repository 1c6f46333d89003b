// Statistical process control: a characteristic's control chart (points, CL/UCL/LCL, violating
// points marked) with its capability beside it, its limit versions, and a re-baseline for admins.
import {api, can, query} from '../api.js';
import {h, mount, notice, num, time} from '../dom.js';
import {controlChart} from '../charts.js';

const RANGES = {'8h': 8, '24h': 24, '7d': 168, '31d': 744};

export function renderQuality(main, selected) {
  const picker = h('select', {testid: 'quality-characteristic', onchange: () => { location.hash = '#/quality/' + picker.value; }});
  const rangeSelect = h('select', {testid: 'quality-range', onchange: () => load()},
    Object.keys(RANGES).map(k => h('option', {value: k}, k)));
  const header = h('p', {class: 'muted', testid: 'quality-summary'});
  const chartBox = h('div', {class: 'chart-box', testid: 'quality-chart-box'});
  const capabilityBox = h('div', {testid: 'quality-capability'});
  const versionsBox = h('div', {testid: 'quality-limits'});
  const rebaselineBox = h('div', {testid: 'quality-rebaseline'});
  mount(main, h('section', null,
    h('div', {class: 'toolbar'}, h('h1', null, 'Quality'),
      h('label', null, 'Characteristic ', picker), h('label', null, 'Range ', rangeSelect)),
    header,
    h('div', {class: 'columns'},
      h('div', {class: 'card'}, h('h2', null, 'Capability'), capabilityBox),
      h('div', {class: 'card wide'}, h('h2', null, 'Control chart'), chartBox)),
    h('div', {class: 'card'}, h('h2', null, 'Limit versions'), versionsBox, rebaselineBox)));

  let characteristics = [];

  function range() {
    const to = new Date();
    return {from: new Date(to.getTime() - RANGES[rangeSelect.value] * 3600_000).toISOString(), to: to.toISOString()};
  }

  async function start() {
    try {
      characteristics = (await api('/api/v1/quality/characteristics')).characteristics;
    } catch (e) {
      mount(chartBox, notice('error', e.message, 'quality-error'));
      return;
    }
    if (characteristics.length === 0) {
      mount(chartBox, notice('info', 'No characteristics are charted.'));
      return;
    }
    mount(picker, characteristics.map(c => h('option', {value: c.id}, `${c.id} (${c.deviceId} · ${c.chart})`)));
    const chosen = characteristics.find(c => c.id === selected) || characteristics[0];
    picker.value = chosen.id;
    load();
  }

  async function load() {
    const c = characteristics.find(x => x.id === picker.value);
    if (!c) return;
    mount(header, `${c.deviceId} · ${c.metric} · ${c.chart}, n = ${c.subgroupSize} · phase ${c.phase}` +
      (c.phase === 'I' ? ` (baseline ${c.baselineCollected}/${c.baselineSubgroups})` : ` · limits v${c.limitVersion}`) +
      ` · rules ${(c.rules || []).join(' ') || '—'}`);
    const base = `/api/v1/quality/characteristics/${c.id}`;
    const r = range();
    try {
      const chart = await api(base + '/chart' + query(r));
      const violating = chart.points.filter(p => p.violations.length > 0);
      mount(chartBox, controlChart(chart.points, {label: chart.primary}),
        h('p', {class: 'muted'}, `${chart.points.length} subgroups, ${violating.length} with a rule violation` +
          ` (red). Lines: CL, UCL, LCL of ${chart.primary}.`),
        violating.length === 0 ? null : h('ul', {testid: 'quality-violations'}, violating.slice(-10).map(p =>
          h('li', null, `#${p.subgroup} ${time(p.at)}: ` + p.violations.map(v => v.description ? `${v.rule} ${v.description}` : v.rule).join('; ')))));
    } catch (e) {
      mount(chartBox, notice('error', e.message, 'quality-error'));
    }
    if (c.spec && c.phase === 'II') {
      try {
        const cap = await api(base + '/capability' + query(r));
        const row = (name, i) => h('tr', null, h('th', null, name), h('td', {class: 'num', testid: 'capability-' + name.toLowerCase()}, num(i.value)),
          h('td', {class: 'num muted'}, `${num(i.lower)} … ${num(i.upper)}`));
        mount(capabilityBox, h('table', null, h('tbody', null,
          row('Cp', cap.cp), row('Cpk', cap.cpk), row('Pp', cap.pp), row('Ppk', cap.ppk), row('Cpm', cap.cpm))),
          h('p', {class: 'muted'}, `${cap.n} values, mean ${num(cap.mean)}, σ within ${num(cap.sigmaWithin)}, ` +
            `${Math.round(cap.confidence * 100)} % intervals; Anderson-Darling p = ${num(cap.normality.pValue)}` +
            (cap.normality.normalAt5Percent ? '' : ' (not normal: read the indices with care)')));
      } catch (e) {
        mount(capabilityBox, notice('info', e.message, 'capability-unavailable'));
      }
    } else {
      mount(capabilityBox, notice('info', c.spec ? 'No capability before limits are frozen.' : 'No specification limits.'));
    }
    try {
      const v = await api(base + '/limits');
      mount(versionsBox, v.versions.length === 0 ? h('p', {class: 'muted'}, 'No frozen limits yet.') : h('table', null,
        h('thead', null, h('tr', null, ['Version', 'Centre', 'σ', 'Subgroups', 'Frozen', 'By', 'Why'].map(t => h('th', null, t)))),
        h('tbody', null, v.versions.map(x => h('tr', {testid: 'limit-version'}, h('td', null, 'v' + x.version),
          h('td', {class: 'num'}, num(x.center)), h('td', {class: 'num'}, num(x.sigma)), h('td', {class: 'num'}, x.subgroupsUsed),
          h('td', null, time(x.frozenAt)), h('td', null, x.actor), h('td', null, x.reason))))));
    } catch (e) {
      mount(versionsBox, notice('error', e.message));
    }
    renderRebaseline(c);
  }

  function renderRebaseline(c) {
    if (!can('REBASELINE_CHARTS')) { mount(rebaselineBox); return; }
    const reason = h('input', {type: 'text', maxlength: 500, required: true, testid: 'rebaseline-reason', placeholder: 'why (audited)'});
    const status = h('span', {class: 'muted'});
    mount(rebaselineBox, h('form', {class: 'toolbar', onsubmit: async e => {
      e.preventDefault();
      try {
        const r = await api(`/api/v1/quality/characteristics/${c.id}/rebaseline`, {method: 'POST',
          body: {reason: reason.value, ...range()}});
        status.textContent = r.phase === 'II' ? `limits v${r.version} frozen` : r.message;
        characteristics = (await api('/api/v1/quality/characteristics')).characteristics;
        load();
      } catch (err) { status.textContent = err.message; }
    }}, h('label', null, 'Re-baseline on the shown range ', reason), h('button', {type: 'submit'}, 'Re-baseline'), status));
  }

  start();
  return () => {};
}
