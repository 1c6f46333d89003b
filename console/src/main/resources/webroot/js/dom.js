// Small DOM helpers. Text is always set as text (never parsed as HTML), so data from the API
// cannot inject markup; no inline styles are used (the Content-Security-Policy forbids them).

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (key === 'testid') {
      el.setAttribute('data-testid', value);
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) el.dataset[k] = v;
    } else if (key === 'style' || key === 'innerHTML') {
      throw new Error('not allowed: ' + key);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else if (key in el && !(el instanceof SVGElement) && key !== 'list') {
      el[key] = value;
    } else {
      el.setAttribute(key, String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Creates an HTML element: h('a', {href: '#/x', testid: 'link'}, 'text', child). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/** Creates an SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/** Replaces the children of el. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A local, readable time of an ISO instant. */
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(undefined, {
    year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

/** A number with at most 3 significant decimals. */
export function num(value) {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  return abs >= 1000 ? Math.round(value).toLocaleString() : Number(value.toPrecision(4)).toString();
}

/** A status line that views share. */
export function notice(kind, text, testid) {
  return h('p', {class: ['notice', kind], testid: testid || 'notice', role: kind === 'error' ? 'alert' : 'status'}, text);
}

/** fn, called at most once per wait ms, after the last call of a burst. */
export function debounce(fn, wait) {
  let timer = null;
  const call = () => { timer = null; fn(); };
  const debounced = () => { if (timer === null) timer = setTimeout(call, wait); };
  debounced.cancel = () => { if (timer !== null) clearTimeout(timer); timer = null; };
  return debounced;
}
