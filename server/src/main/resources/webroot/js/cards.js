// One card per alert on the worker console, updated in place so that focus and a half-written note survive
// live updates.
import { fillTimeline } from './detail.js';
import { formatWhen, t } from './i18n.js';
import { kindLabel, reasonText } from './story.js';
import { clockFor } from './waiting.js';

const TEMPLATE = `
  <div class="card-head"><span class="sev"></span><span class="kind"></span><span class="mine"></span></div>
  <p class="why"></p>
  <p class="where"></p>
  <p class="when"><span class="times"></span> · <span class="waited"></span></p>
  <p class="reason"></p>
  <details class="story"><summary></summary><ol class="timeline"></ol></details>
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
  card.querySelector('.story summary').textContent = t('detail.timeline');
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

/**
 * Writes the alert's current state into its card: why it is in this person's list (mine: addressed to them now),
 * how long it has waited, and its story when opened.
 */
export function fillCard(card, alert, nameOf, mine, why) {
  card.className = `card severity-${alert.severity} status-${alert.status}${mine ? ' mine' : ''}`;
  card.dataset.status = alert.status;
  card.querySelector('.sev').textContent = t(`severity.${alert.severity}`);
  card.querySelector('.kind').textContent = kindLabel(alert.kind);
  card.querySelector('.mine').textContent = mine ? t('worker.yoursNow') : '';
  card.querySelector('.why').textContent = why;
  const where = nameOf(alert.path.cell); // a cell's name carries its subdistrict, community and sector
  card.querySelector('.where').textContent = where;
  card.querySelector('.times').textContent = `${t(`status.${alert.status}`)} · ${t('detail.opened')} ${formatWhen(alert.opened_at)}`
    + (alert.acked_at ? ` · ${t('detail.acked')} ${formatWhen(alert.acked_at)}` : '');
  clockFor(card.querySelector('.waited'), alert);
  card.querySelector('.reason').textContent = reasonText(alert);
  card.querySelector('.ack').hidden = alert.status !== 'open';
  card.setAttribute('aria-label', `${t(`severity.${alert.severity}`)} ${kindLabel(alert.kind)} ${where}`);
  const story = card.querySelector('.story');
  if (story.open) refreshStory(card, alert, nameOf);
  story.ontoggle = () => {
    if (story.open) refreshStory(card, alert, nameOf);
  };
}

function refreshStory(card, alert, nameOf) {
  const list = document.createElement('ol');
  list.className = 'timeline';
  fillTimeline(list, alert, nameOf).then(() => card.querySelector('.story .timeline').replaceWith(list));
}
