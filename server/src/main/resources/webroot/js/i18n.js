// Labels come from one message file per language (i18n/zh.json, i18n/en.json) and, for the server's own lists (kinds,
// severities, levels, roles, statuses), from the server's vocabulary; Chinese first, the choice kept.
import { loadVocabulary, vocabularyMessages } from './vocabulary.js';
const STORAGE_KEY = 'gridwatch.lang';
const LANGUAGES = ['zh', 'en'];

let language = 'zh';
let messages = {};

export async function initI18n() {
  const saved = localStorage.getItem(STORAGE_KEY);
  language = LANGUAGES.includes(saved) ? saved : 'zh';
  const [response, vocabulary] = await Promise.all([fetch(`/i18n/${language}.json`), loadVocabulary()]);
  // the server's labels of its own kinds, severities, levels, roles and statuses win over the message file's
  messages = { ...(await response.json()), ...vocabularyMessages(vocabulary, language) };
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

/** Whether the reader's language has a message for key (t() would otherwise show the key itself). */
export function hasMessage(key) {
  return Object.prototype.hasOwnProperty.call(messages, key);
}

export function currentLanguage() {
  return language;
}

function locale() {
  return language === 'zh' ? 'zh-CN' : 'en-GB';
}

/**
 * Dates as each language writes them, with the month in words so that nobody has to guess day/month order:
 * "12月3日 07:03" and "3 Dec, 07:03"; the year only when it is not this year's.
 */
export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  const options = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  if (date.getFullYear() !== new Date().getFullYear()) options.year = 'numeric';
  return new Intl.DateTimeFormat(locale(), options).format(date);
}

/** A time of day only ("07:03"), for today's steps of a story. */
export function formatClock(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso));
}

/** The time of day when iso is today, else the date and time. */
export function formatWhen(iso) {
  if (!iso) return '—';
  return new Date(iso).toDateString() === new Date().toDateString() ? formatClock(iso) : formatTime(iso);
}

/** How long, in the reader's words: "8 分钟", "1 小时 5 分钟" / "8 min", "1 h 5 min". */
export function formatDuration(ms) {
  const minutes = Math.max(0, Math.floor(ms / 60000));
  if (minutes < 1) return t('duration.underMinute');
  if (minutes < 60) return t('duration.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('duration.hours', { h: hours, m: minutes % 60 });
  return t('duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

function switchLanguage() {
  localStorage.setItem(STORAGE_KEY, language === 'zh' ? 'en' : 'zh');
  // the session survives in sessionStorage; a reload redraws every label in the new language
  location.reload();
}
