// Energy: a meter's load profile of one day (interval demand with the site's target peak line),
// the cost breakdown of its billing period (energy by rate, demand charge on the peak), and a
// machine's EnPI trend (specific energy per day, with idle energy and base load).
import {api, query} from '../api.js';
import {h, mount, notice, num, time} from '../dom.js';
import {demandChart, trendChart} from '../charts.js';

const ENPI_DAYS = 14;

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

export function renderEnergy(main) {
  const sitePicker = h('select', {testid: 'energy-site', onchange: () => chooseSite()});
  const meterPicker = h('select', {testid: 'energy-meter', onchange: () => loadMeter()});
  const machinePicker = h('select', {testid: 'energy-machine', onchange: () => loadEnpi()});
  const dayInput = h('input', {type: 'date', testid: 'energy-day', value: isoDay(new Date()), onchange: () => loadMeter()});
  const summary = h('p', {class: 'muted', testid: 'energy-summary'});
  const profileBox = h('div', {class: 'chart-box', testid: 'energy-profile'});
  const costBox = h('div', {testid: 'energy-cost'});
  const enpiBox = h('div', {class: 'chart-box', testid: 'energy-enpi'});
  mount(main, h('section', null,
    h('div', {class: 'toolbar'}, h('h1', null, 'Energy'),
      h('label', null, 'Site ', sitePicker), h('label', null, 'Meter ', meterPicker),
      h('label', null, 'Day ', dayInput)),
    summary,
    h('div', {class: 'columns'},
      h('div', {class: 'card wide'}, h('h2', null, 'Load profile'), profileBox),
      h('div', {class: 'card'}, h('h2', null, 'Cost of the billing period'), costBox)),
    h('div', {class: 'card'}, h('div', {class: 'toolbar'}, h('h2', null, 'EnPI trend'),
      h('label', null, 'Machine ', machinePicker)), enpiBox)));

  let sites = [];
  let site = null;

  async function start() {
    try {
      sites = (await api('/api/v1/energy/sites')).sites;
    } catch (e) {
      mount(profileBox, notice('error', e.message, 'energy-error'));
      return;
    }
    if (sites.length === 0) {
      mount(profileBox, notice('info', 'No energy sites in your scope.'));
      return;
    }
    mount(sitePicker, sites.map(s => h('option', {value: s.siteId}, s.siteId)));
    chooseSite();
  }

  function chooseSite() {
    site = sites.find(s => s.siteId === sitePicker.value) || sites[0];
    sitePicker.value = site.siteId;
    mount(meterPicker, site.meters.map(m => h('option', {value: m}, m === site.billingMeter ? `${m} (billing)` : m)));
    meterPicker.value = site.billingMeter || site.meters[0];
    mount(machinePicker, site.machines.map(m => h('option', {value: m.id}, `${m.id} (${m.line})`)));
    mount(summary, `${site.timeZone} · ${site.intervalMinutes} min intervals · target peak ${num(site.targetPeakKw)} kW · ` +
      `${site.tariff.currency} ${num(site.tariff.defaultPricePerKwh)}/kWh, demand charge ${num(site.tariff.demandChargePerKw)}/kW`);
    loadMeter();
    loadEnpi();
  }

  async function loadMeter() {
    const base = `/api/v1/energy/sites/${site.siteId}/meters/${meterPicker.value}`;
    const day = dayInput.value || isoDay(new Date());
    try {
      const profile = await api(base + '/load-profile' + query({day}));
      const over = profile.intervals.filter(i => i.demandKw > profile.targetPeakKw);
      const energy = profile.intervals.reduce((sum, i) => sum + i.energyKwh, 0);
      mount(profileBox, demandChart(profile.intervals, {targetKw: profile.targetPeakKw}),
        h('p', {class: 'muted', testid: 'energy-profile-summary'},
          `${profile.intervals.length} intervals, ${num(energy)} kWh, ${over.length} above the target (red)` +
          (profile.gaps.length ? `; ${profile.gaps.length} gaps` : '')),
        profile.gaps.length === 0 ? null : h('ul', {testid: 'energy-gaps'}, profile.gaps.map(g =>
          h('li', null, `${time(g.start)} – ${time(g.end)}: ${g.reason}` +
            (g.unattributedKwh === undefined ? '' : ` (${num(g.unattributedKwh)} kWh not attributed)`)))));
    } catch (e) {
      mount(profileBox, notice('error', e.message, 'energy-error'));
    }
    try {
      const bill = await api(base + '/bill' + query({period: day.slice(0, 7)}));
      const rows = Object.entries(bill.energyCostByRate).map(([rate, cost]) =>
        h('tr', {testid: 'energy-cost-rate'}, h('th', null, rate), h('td', {class: 'num'}, num(cost))));
      mount(costBox, h('table', null, h('tbody', null, rows,
        h('tr', null, h('th', null, 'energy'), h('td', {class: 'num', testid: 'energy-cost-energy'}, num(bill.energyCost))),
        h('tr', null, h('th', null, 'demand charge'), h('td', {class: 'num', testid: 'energy-cost-demand'}, num(bill.demandCharge))),
        h('tr', null, h('th', null, 'total ' + bill.currency), h('td', {class: 'num', testid: 'energy-cost-total'}, num(bill.total))))),
        h('p', {class: 'muted'}, `${bill.period}: ${num(bill.energyKwh)} kWh` +
          (bill.peak ? `; peak ${num(bill.peak.demandKw)} kW at ${time(bill.peak.intervalStart)}` : '')));
    } catch (e) {
      mount(costBox, notice('error', e.message, 'energy-error'));
    }
  }

  async function loadEnpi() {
    if (!machinePicker.value) {
      mount(enpiBox, notice('info', 'No machines at this site.'));
      return;
    }
    const to = new Date(dayInput.value || isoDay(new Date()));
    const from = new Date(to.getTime() - (ENPI_DAYS - 1) * 86400_000);
    try {
      const enpi = await api(`/api/v1/energy/sites/${site.siteId}/machines/${machinePicker.value}/enpi` +
        query({from: isoDay(from), to: isoDay(to)}));
      const points = enpi.days.map(d => ({t: d.day, v: d.specificEnergyKwhPerUnit}));
      const idle = enpi.days.reduce((sum, d) => sum + d.idleEnergyKwh, 0);
      mount(enpiBox, trendChart(points, {unit: 'kWh/unit', testid: 'enpi-chart'}),
        h('p', {class: 'muted', testid: 'energy-enpi-summary'},
          `${enpi.days.length} days: specific energy (kWh per unit) per day; idle energy ${num(idle)} kWh`));
    } catch (e) {
      mount(enpiBox, notice('error', e.message, 'energy-error'));
    }
  }

  start();
}
