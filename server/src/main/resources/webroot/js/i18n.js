// Labels come from one message file per language (i18n/zh.json, i18n/en.json); Chinese first, the choice kept.
const STORAGE_KEY = 'gridwatch.lang';
const LANGUAGES = ['zh', 'en'];

let language = 'zh';
let messages = {};

export async function initI18n() {
  const saved = localStorage.getItem(STORAGE_KEY);
  language = LANGUAGES.includes(saved) ? saved : 'zh';
  const response = await fetch(`/i18n/${language}.json`);
  messages = await response.json();
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  translate(document);
  document.querySelectorAll('button.lang').forEach((button) => button.addEventListener('click', switchLanguage));
}

/** The message for key, with {name} placeholders filled from vars; the key itself when there is none. */
export function t(key, vars = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Fills every element under root that names a message: text, aria-label or placeholder. */
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-label]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nLabel)));
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  });
}

export function currentLanguage() {
  return language;
}

/** Times as the reader's language writes them. */
export function formatTime(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}

function switchLanguage() {
  localStorage.setItem(STORAGE_KEY, language === 'zh' ? 'en' : 'zh');
  // the session survives in sessionStorage; a reload redraws every label in the new language
  location.reload();
}
