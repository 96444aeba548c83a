// How long each alert has waited for somebody: "waiting 12 min" while open, "acknowledged after 3 min" once
// somebody has it. Every element with data-wait-for="<alert id>" is kept up to date, twice a minute.
import { formatDuration, t } from './i18n.js';

const TICK_MS = 30000;

export function waitingText(alert, now = Date.now()) {
  const opened = Date.parse(alert.opened_at);
  if (Number.isNaN(opened)) return '';
  if (alert.status === 'open') return t('wait.open', { duration: formatDuration(now - opened) });
  if (alert.acked_at) return t('wait.acked', { duration: formatDuration(Date.parse(alert.acked_at) - opened) });
  return '';
}

/** Marks an element as the waiting clock of an alert and fills it now. */
export function clockFor(element, alert) {
  element.dataset.waitFor = alert.id;
  element.classList.toggle('long-wait', alert.status === 'open' && Date.now() - Date.parse(alert.opened_at) > 10 * 60000);
  element.textContent = waitingText(alert);
}

/** Keeps every clock on the page ticking; alertOf(id) gives the alert as the page holds it now. */
export function startClocks(alertOf) {
  setInterval(() => {
    document.querySelectorAll('[data-wait-for]').forEach((element) => {
      const alert = alertOf(element.dataset.waitFor);
      if (alert) clockFor(element, alert);
    });
  }, TICK_MS);
}
