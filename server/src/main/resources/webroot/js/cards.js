// One card per alert on the worker console, updated in place so that focus and a half-written note survive
// live updates.
import { formatTime, t } from './i18n.js';

const TEMPLATE = `
  <div class="card-head"><span class="sev"></span><span class="kind"></span><span class="mine"></span></div>
  <p class="where"></p>
  <p class="when"></p>
  <p class="reason"></p>
  <div class="actions">
    <button type="button" class="ack"></button>
    <form class="resolve">
      <label><span class="note-label"></span><textarea name="note" rows="2" maxlength="2000"></textarea></label>
      <button type="submit"></button>
    </form>
  </div>
  <p class="error" role="alert"></p>`;

/**
 * @param actions {acknowledge(id), resolve(id, note)} returning promises
 */
export function createCard(id, actions) {
  const card = document.createElement('li');
  card.className = 'card';
  card.tabIndex = 0;
  card.dataset.alertId = id;
  card.innerHTML = TEMPLATE;
  card.querySelector('.ack').textContent = t('action.ack');
  card.querySelector('.note-label').textContent = t('action.note');
  card.querySelector('.resolve button').textContent = t('action.resolve');
  const error = card.querySelector('.error');
  const run = async (button, work) => {
    error.textContent = '';
    button.disabled = true;
    try {
      await work();
    } catch (failure) {
      error.textContent = failure.message || t('error.network');
    } finally {
      button.disabled = false;
    }
  };
  card.querySelector('.ack').addEventListener('click', (event) => run(event.currentTarget, () => actions.acknowledge(id)));
  card.querySelector('.resolve').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    run(form.querySelector('button'), () => actions.resolve(id, form.elements.note.value.trim() || null));
  });
  return card;
}

/** Writes the alert's current state into its card; mine says whether it is addressed to the reader's level now. */
export function fillCard(card, alert, nameOf, mine) {
  card.className = `card severity-${alert.severity} status-${alert.status}${mine ? ' mine' : ''}`;
  card.dataset.status = alert.status;
  card.querySelector('.sev').textContent = t(`severity.${alert.severity}`);
  card.querySelector('.kind').textContent = t(`kind.${alert.kind}`);
  card.querySelector('.mine').textContent = mine ? t('worker.yoursNow') : t('worker.heldBy', {
    level: t(`level.${alert.level}`), unit: nameOf(alert.path[alert.level]),
  });
  const where = nameOf(alert.path.cell); // a cell's name carries its subdistrict, community and sector
  card.querySelector('.where').textContent = where;
  card.querySelector('.when').textContent = `${t(`status.${alert.status}`)} · ${t('detail.opened')} ${formatTime(alert.opened_at)}`
    + (alert.acked_at ? ` · ${t('detail.acked')} ${formatTime(alert.acked_at)}` : '');
  card.querySelector('.reason').textContent = alert.reason || '';
  card.querySelector('.ack').hidden = alert.status !== 'open';
  card.setAttribute('aria-label', `${t(`severity.${alert.severity}`)} ${t(`kind.${alert.kind}`)} ${where}`);
}
