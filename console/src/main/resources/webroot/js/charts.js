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
