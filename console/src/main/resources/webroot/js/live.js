// Live updates over server-sent events. EventSource cannot send an Authorization header, so each
// connection first asks for a one-use ticket with the token; on an error it asks for a new one.
import {api, session} from './api.js';

const listeners = new Set();
let source = null;
let stateListener = () => {};
let stopped = true;
let retry = 1000;

export function onLive(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function onLiveState(listener) {
  stateListener = listener;
}

function dispatch(type, event) {
  let data;
  try { data = JSON.parse(event.data); } catch (e) { return; }
  for (const l of listeners) {
    try { l(type, data); } catch (e) { console.error(e); }
  }
}

async function open() {
  if (stopped) return;
  stateListener('connecting');
  let ticket;
  try {
    ticket = (await api('/api/v1/events/ticket', {method: 'POST'})).ticket;
  } catch (e) {
    if (e.status === 401) { stop(); return; }
    schedule();
    return;
  }
  if (stopped) return;
  source = new EventSource('/api/v1/events?ticket=' + encodeURIComponent(ticket));
  source.onopen = () => { retry = 1000; stateListener('live'); };
  for (const type of ['alarm', 'device-status', 'work-order']) {
    source.addEventListener(type, e => dispatch(type, e));
  }
  // The ticket's token ran out: reconnect with the refreshed token, or end if there is none.
  source.addEventListener('expired', () => {
    if (session()) {
      source.close();
      source = null;
      open();
    } else {
      stop();
      stateListener('expired');
    }
  });
  source.onerror = () => {
    if (source) source.close();
    source = null;
    schedule();
  };
}

function schedule() {
  if (stopped) return;
  stateListener('reconnecting');
  setTimeout(open, retry);
  retry = Math.min(retry * 2, 30000);
}

export function start() {
  if (!stopped) return;
  stopped = false;
  open();
}

export function stop() {
  stopped = true;
  if (source) source.close();
  source = null;
  stateListener('off');
}
