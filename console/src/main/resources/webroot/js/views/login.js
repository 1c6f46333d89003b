import {api, saveSession} from '../api.js';
import {h, mount, notice} from '../dom.js';

export function renderLogin(main, message, done) {
  const error = h('div', {testid: 'login-message'}, message ? notice('info', message) : null);
  const username = h('input', {name: 'username', autocomplete: 'username', required: true, testid: 'login-username', id: 'login-username'});
  const password = h('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true, testid: 'login-password', id: 'login-password'});
  const submit = h('button', {type: 'submit', testid: 'login-submit'}, 'Log in');
  const form = h('form', {class: 'login card', testid: 'login-form', onsubmit: async e => {
    e.preventDefault();
    submit.disabled = true;
    mount(error);
    try {
      const r = await api('/api/v1/login', {method: 'POST', body: {username: username.value, password: password.value}});
      saveSession({token: r.token, expiresAt: r.expiresAt, username: r.username, roles: r.roles, sites: r.sites, permissions: []});
      password.value = '';
      done();
    } catch (err) {
      mount(error, notice('error', err.status === 401 ? 'Wrong user name or password.' : err.message, 'login-error'));
    } finally {
      submit.disabled = false;
    }
  }},
  h('h1', null, 'Plantline console'),
  h('label', {for: 'login-username'}, 'User name'), username,
  h('label', {for: 'login-password'}, 'Password'), password,
  submit, error);
  mount(main, h('section', {class: 'login-page'}, form));
  username.focus();
}
