// Charts drawn as SVG with no library: a sparkline and a time-series chart of buckets
// (min/max band and average line).
import {s, num} from './dom.js';

/** A sparkline of points [{t, v}], v may be null for an empty bucket. */
export function sparkline(points, {width = 160, height = 36, testid = 'sparkline'} = {}) {
  const values = (points || []).filter(p => p.v !== null && p.v !== undefined);
  const svg = s('svg', {class: 'sparkline', viewBox: `0 0 ${width} ${height}`, width, height,
    role: 'img', 'aria-label': `trend of ${values.length} points`, testid});
  if (values.length < 2) {
    svg.append(s('text', {x: 4, y: height / 2 + 4, class: 'chart-empty'}, 'no recent data'));
    return svg;
  }
  const ts = values.map(p => Date.parse(p.t));
  const vs = values.map(p => p.v);
  const [t0, t1] = [Math.min(...ts), Math.max(...ts)];
  let [lo, hi] = [Math.min(...vs), Math.max(...vs)];
  if (hi === lo) { hi += 1; lo -= 1; }
  const x = t => 2 + (width - 4) * (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0));
  const y = v => height - 3 - (height - 6) * (v - lo) / (hi - lo);
  const pts = values.map((p, i) => `${x(ts[i]).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  svg.append(s('polyline', {points: pts, class: 'spark-line'}));
  const last = values.length - 1;
  svg.append(s('circle', {cx: x(ts[last]).toFixed(1), cy: y(vs[last]).toFixed(1), r: 2, class: 'spark-dot'}));
  return svg;
}

/** A chart of buckets [{start, min, max, avg, count}] between from and to. */
export function bucketChart(buckets, {from, to, unit = '', width = 760, height = 260, testid = 'device-chart'} = {}) {
  const pad = {left: 58, right: 12, top: 12, bottom: 28};
  const svg = s('svg', {class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${buckets.length} buckets`, testid});
  const data = buckets.filter(b => b.count > 0 && b.avg !== null);
  if (data.length === 0) {
    svg.append(s('text', {x: width / 2, y: height / 2, class: 'chart-empty', 'text-anchor': 'middle'},
      'no data in this range'));
    return svg;
  }
  const t0 = Date.parse(from), t1 = Date.parse(to);
  let lo = Math.min(...data.map(b => b.min)), hi = Math.max(...data.map(b => b.max));
  if (hi === lo) { hi += 1; lo -= 1; }
  const margin = (hi - lo) * 0.05;
  lo -= margin; hi += margin;
  const iw = width - pad.left - pad.right, ih = height - pad.top - pad.bottom;
  const x = t => pad.left + iw * (t - t0) / (t1 - t0);
  const y = v => pad.top + ih - ih * (v - lo) / (hi - lo);
  for (let i = 0; i <= 4; i++) {
    const v = lo + (hi - lo) * i / 4;
    svg.append(s('line', {x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid'}));
    svg.append(s('text', {x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis'}, num(v) + (unit ? ' ' + unit : '')));
  }
  for (let i = 0; i <= 4; i++) {
    const t = t0 + (t1 - t0) * i / 4;
    const label = new Date(t).toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit'});
    const anchor = i === 0 ? 'start' : i === 4 ? 'end' : 'middle';
    svg.append(s('text', {x: x(t), y: height - 8, 'text-anchor': anchor, class: 'axis'}, label));
  }
  const mid = b => Date.parse(b.start);
  const band = data.map(b => `${x(mid(b)).toFixed(1)},${y(b.max).toFixed(1)}`)
    .concat(data.slice().reverse().map(b => `${x(mid(b)).toFixed(1)},${y(b.min).toFixed(1)}`));
  svg.append(s('polygon', {points: band.join(' '), class: 'band'}));
  svg.append(s('polyline', {points: data.map(b => `${x(mid(b)).toFixed(1)},${y(b.avg).toFixed(1)}`).join(' '), class: 'avg-line'}));
  return svg;
}

/**
 * A control chart of points [{subgroup, at, value, cl, ucl, lcl, violations: [{rule}]}]: the plotted
 * statistic as a line of dots, the centre line and control limits as steps (they may change with a
 * new limit version or per point), violating points marked and titled with their rules.
 */
export function controlChart(points, {label = '', width = 760, height = 280, testid = 'control-chart'} = {}) {
  const pad = {left: 64, right: 40, top: 12, bottom: 28};
  const svg = s('svg', {class: 'chart control-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `control chart of ${points.length} subgroups`, testid});
  const data = points.filter(p => p.value !== null && p.value !== undefined);
  if (data.length === 0) {
    svg.append(s('text', {x: width / 2, y: height / 2, class: 'chart-empty', 'text-anchor': 'middle'},
      'no subgroups in this range'));
    return svg;
  }
  const all = data.flatMap(p => [p.value, p.ucl, p.lcl].filter(v => v !== null && v !== undefined));
  let lo = Math.min(...all), hi = Math.max(...all);
  if (hi === lo) { hi += 1; lo -= 1; }
  const margin = (hi - lo) * 0.08;
  // ticks with enough decimals to tell them apart (a bore of 25.000 ± 0.005 mm needs four)
  const decimals = Math.min(8, Math.max(0, Math.ceil(-Math.log10((hi - lo) / 4)) + 1));
  lo -= margin; hi += margin;
  const iw = width - pad.left - pad.right, ih = height - pad.top - pad.bottom;
  const x = i => pad.left + (data.length === 1 ? iw / 2 : iw * i / (data.length - 1));
  const y = v => pad.top + ih - ih * (v - lo) / (hi - lo);
  for (let i = 0; i <= 4; i++) {
    const v = lo + (hi - lo) * i / 4;
    svg.append(s('line', {x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid'}));
    svg.append(s('text', {x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis'}, v.toFixed(decimals)));
  }
  [0, data.length - 1].forEach((i, k) => svg.append(s('text', {x: x(i), y: height - 8,
    'text-anchor': k === 0 ? 'start' : 'end', class: 'axis'}, '#' + data[i].subgroup)));
  for (const [key, cls] of [['ucl', 'limit-line'], ['lcl', 'limit-line'], ['cl', 'center-line']]) {
    const run = [];
    data.forEach((p, i) => { if (p[key] !== null && p[key] !== undefined) run.push(`${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`); });
    if (run.length > 0) {
      svg.append(s('polyline', {points: run.join(' '), class: cls, testid: 'chart-' + key}));
      const last = data.length - 1 - data.slice().reverse().findIndex(p => p[key] !== null && p[key] !== undefined);
      svg.append(s('text', {x: width - pad.right + 4, y: y(data[last][key]) + 4, class: 'axis'}, key.toUpperCase()));
    }
  }
  svg.append(s('polyline', {points: data.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' '),
    class: 'value-line'}));
  data.forEach((p, i) => {
    const rules = (p.violations || []).map(v => v.rule);
    const dot = s('circle', {cx: x(i).toFixed(1), cy: y(p.value).toFixed(1), r: rules.length ? 4 : 2,
      class: rules.length ? 'point violation' : 'point', testid: rules.length ? 'violation-point' : 'chart-point'});
    dot.append(s('title', null, `#${p.subgroup} ${label} ${num(p.value)}` + (rules.length ? ' — ' + rules.join(', ') : '')));
    svg.append(dot);
  });
  return svg;
}

/**
 * Interval demand as bars [{start, demandKw, complete}] with a target line: bars above the target
 * are marked, incomplete intervals (gaps, the running one) drawn lighter.
 */
export function demandChart(intervals, {targetKw, width = 760, height = 260, testid = 'demand-chart'} = {}) {
  const pad = {left: 58, right: 48, top: 12, bottom: 28};
  const svg = s('svg', {class: 'chart demand-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `demand of ${intervals.length} intervals`, testid});
  if (intervals.length === 0) {
    svg.append(s('text', {x: width / 2, y: height / 2, class: 'chart-empty', 'text-anchor': 'middle'},
      'no intervals on this day'));
    return svg;
  }
  const hi = Math.max(targetKw || 0, ...intervals.map(i => i.demandKw)) * 1.08 || 1;
  const iw = width - pad.left - pad.right, ih = height - pad.top - pad.bottom;
  const bw = iw / intervals.length;
  const y = v => pad.top + ih - ih * v / hi;
  for (let i = 0; i <= 4; i++) {
    const v = hi * i / 4;
    svg.append(s('line', {x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid'}));
    svg.append(s('text', {x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis'}, num(v) + ' kW'));
  }
  [0, intervals.length - 1].forEach((i, k) => svg.append(s('text', {x: pad.left + bw * (i + 0.5), y: height - 8,
    'text-anchor': k === 0 ? 'start' : 'end', class: 'axis'},
    new Date(intervals[i].start).toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit'}))));
  intervals.forEach((iv, i) => {
    const over = targetKw !== undefined && iv.demandKw > targetKw;
    const bar = s('rect', {x: (pad.left + bw * i + 0.5).toFixed(1), y: y(iv.demandKw).toFixed(1),
      width: Math.max(1, bw - 1).toFixed(1), height: Math.max(0, ih + pad.top - y(iv.demandKw)).toFixed(1),
      class: ['bar', over && 'over', !iv.complete && 'partial'], testid: over ? 'demand-bar-over' : 'demand-bar'});
    bar.append(s('title', null, `${new Date(iv.start).toLocaleTimeString()} ${num(iv.demandKw)} kW`));
    svg.append(bar);
  });
  if (targetKw !== undefined && targetKw !== null) {
    svg.append(s('line', {x1: pad.left, x2: width - pad.right, y1: y(targetKw), y2: y(targetKw), class: 'limit-line', testid: 'target-line'}));
    svg.append(s('text', {x: width - pad.right + 4, y: y(targetKw) + 4, class: 'axis'}, 'target'));
  }
  return svg;
}

/** A daily trend of points [{t: 'yyyy-MM-dd', v}] as a line with dots; v may be null (no data). */
export function trendChart(points, {unit = '', width = 760, height = 200, testid = 'trend-chart'} = {}) {
  const pad = {left: 70, right: 12, top: 12, bottom: 28};
  const svg = s('svg', {class: 'chart trend-chart', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `trend of ${points.length} days`, testid});
  const data = points.map((p, i) => ({...p, i})).filter(p => p.v !== null && p.v !== undefined && Number.isFinite(p.v));
  if (data.length === 0) {
    svg.append(s('text', {x: width / 2, y: height / 2, class: 'chart-empty', 'text-anchor': 'middle'},
      'no production in this range'));
    return svg;
  }
  let lo = Math.min(...data.map(p => p.v)), hi = Math.max(...data.map(p => p.v));
  if (hi === lo) { hi += 1; lo = Math.max(0, lo - 1); }
  const iw = width - pad.left - pad.right, ih = height - pad.top - pad.bottom;
  const x = i => pad.left + (points.length === 1 ? iw / 2 : iw * i / (points.length - 1));
  const y = v => pad.top + ih - ih * (v - lo) / (hi - lo);
  for (let k = 0; k <= 4; k++) {
    const v = lo + (hi - lo) * k / 4;
    svg.append(s('line', {x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid'}));
    svg.append(s('text', {x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis'}, num(v) + (unit ? ' ' + unit : '')));
  }
  [0, points.length - 1].forEach((i, k) => svg.append(s('text', {x: x(i), y: height - 8,
    'text-anchor': k === 0 ? 'start' : 'end', class: 'axis'}, points[i].t)));
  svg.append(s('polyline', {points: data.map(p => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' '), class: 'value-line'}));
  data.forEach(p => {
    const dot = s('circle', {cx: x(p.i).toFixed(1), cy: y(p.v).toFixed(1), r: 3, class: 'point', testid: 'trend-point'});
    dot.append(s('title', null, `${p.t} ${num(p.v)} ${unit}`));
    svg.append(dot);
  });
  return svg;
}
