// The log-in form every page shares (each page has only an empty <form id="login">, filled here): resolves with
// the session once someone has logged in (or was already).
import { login, logout, onUnauthorized, session } from './api.js';
import { t, translate } from './i18n.js';

const FORM = `
  <h2 data-i18n="login.title"></h2>
  <label><span data-i18n="login.username"></span><input name="username" autocomplete="username" required></label>
  <label><span data-i18n="login.password"></span><input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit" data-i18n="login.submit"></button>
  <p class="error" role="alert"></p>`;

export function requireSession() {
  const form = document.getElementById('login');
  form.innerHTML = FORM;
  translate(form);
  const app = document.getElementById('app');
  const logoutButton = document.querySelector('button.logout');
  const showForm = () => {
    app.hidden = true;
    logoutButton.hidden = true;
    form.hidden = false;
    form.elements.username.focus();
  };
  onUnauthorized(() => location.reload());
  logoutButton.addEventListener('click', () => {
    logout();
    location.reload();
  });

  return new Promise((resolve) => {
    const started = (current) => {
      form.hidden = true;
      app.hidden = false;
      logoutButton.hidden = false;
      resolve(current);
    };
    const existing = session();
    if (existing) {
      started(existing);
      return;
    }
    showForm();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const error = form.querySelector('.error');
      error.textContent = '';
      try {
        started(await login(form.elements.username.value.trim(), form.elements.password.value));
      } catch (failure) {
        error.textContent = failure.status === 401 ? t('login.wrong')
          : failure.status === 429 ? t('login.throttled') : t('error.network');
      }
    });
  });
}
