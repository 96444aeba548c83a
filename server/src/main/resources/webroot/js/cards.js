// One card per case on the worker and department consoles, updated in place so that focus and a half-written note
// survive live updates.
import { blobUrl } from './api.js';
import { departmentOf, isOverdue, lastWord, renderSteps } from './casework.js';
import { fillTimeline } from './detail.js';
import { formatTime, formatWhen, t } from './i18n.js';
import { kindLabel, reasonText } from './story.js';
import { kindIcon } from './vocabulary.js';
import { clockFor } from './waiting.js';

const TEMPLATE = `
  <div class="card-head"><span class="sev"></span><span class="kind"></span><span class="state"></span><span class="mine"></span></div>
  <p class="why"></p>
  <p class="where"></p>
  <p class="when"><span class="times"></span> · <span class="waited"></span></p>
  <p class="reason"></p>
  <p class="case"></p>
  <p class="word"></p>
  <div class="photos shots"></div>
  <details class="story"><summary></summary><ol class="timeline"></ol></details>
  <div class="actions"></div>`;

export function createCard(id) {
  const card = document.createElement('li');
  card.className = 'card';
  card.tabIndex = 0;
  card.dataset.alertId = id;
  card.innerHTML = TEMPLATE;
  card.querySelector('.story summary').textContent = t('detail.timeline');
  return card;
}

/**
 * Writes the case's current state into its card. view: {nameOf(unit id), mine(alert) → whether it is the reader's
 * now and the text saying who holds it, why(alert)? → why it is in the reader's list, departments, side,
 * onDone(event, alert)}. Also how long it has waited, and its story when opened.
 */
export function fillCard(card, alert, view) {
  const [mine, holder] = view.mine(alert);
  const overdue = isOverdue(alert);
  card.className = `card severity-${alert.severity} status-${alert.status}${mine ? ' mine' : ''}${overdue ? ' overdue' : ''}`;
  card.dataset.status = alert.status;
  card.querySelector('.sev').textContent = t(`severity.${alert.severity}`);
  card.querySelector('.kind').textContent = `${kindIcon(alert.kind)} ${kindLabel(alert.kind)}`;
  const state = card.querySelector('.state');
  state.textContent = overdue ? t('case.overdueBadge') : t(`status.${alert.status}`);
  state.className = `state status-${overdue ? 'overdue' : alert.status}`;
  card.querySelector('.mine').textContent = holder;
  card.querySelector('.why').textContent = view.why ? view.why(alert) : '';
  const where = view.nameOf(alert.path.cell); // a cell's name carries its subdistrict, community and sector
  card.querySelector('.where').textContent = where;
  card.querySelector('.times').textContent = `${t('detail.opened')} ${formatWhen(alert.opened_at)}`
    + (alert.acked_at ? ` · ${t('detail.acked')} ${formatWhen(alert.acked_at)}` : '');
  clockFor(card.querySelector('.waited'), alert);
  card.querySelector('.reason').textContent = reasonText(alert);
  const department = departmentOf(alert);
  const withDepartment = department ? [t('case.department', { name: department.name })] : [];
  if (department && alert.case.due_at) withDepartment.push(t('case.due', { time: formatTime(alert.case.due_at) }));
  card.querySelector('.case').textContent = withDepartment.join(' · ');
  card.querySelector('.word').textContent = lastWord(alert);
  showShots(card.querySelector('.shots'), alert.status === 'handled' ? alert.case.photos || [] : []);
  renderSteps(card.querySelector('.actions'), alert, view);
  card.setAttribute('aria-label', `${t(`severity.${alert.severity}`)} ${kindLabel(alert.kind)} ${where}`);
  const story = card.querySelector('.story');
  if (story.open) refreshStory(card, alert, view);
  story.ontoggle = () => {
    if (story.open) refreshStory(card, alert, view);
  };
}

/** The card's story, read again while it is open (a new list replaces the old one once it is filled). */
function refreshStory(card, alert, view) {
  const list = document.createElement('ol');
  list.className = 'timeline';
  fillTimeline(list, alert, view.nameOf, view.departments)
    .then(() => card.querySelector('.story .timeline').replaceWith(list));
}

/** The department's photos of its handling, for whoever checks the work; fetched once per set of photos. */
function showShots(box, urls) {
  const key = urls.join(' ');
  if (box.dataset.urls === key) return;
  box.dataset.urls = key;
  box.replaceChildren(...urls.map((url) => {
    const image = document.createElement('img');
    image.alt = t('detail.photo');
    blobUrl(`${url}/thumb`).then((src) => { image.src = src; }).catch(() => { image.alt = t('error.load'); });
    return image;
  }));
}

/** Keeps list's cards in step with alerts (already in order): a card per alert, made once, filled on each change. */
export class CardList {
  constructor(list, empty, view) {
    this.list = list;
    this.empty = empty;
    this.view = view;
    this.cards = new Map();
  }

  show(alerts) {
    const shown = new Set(alerts.map((a) => a.id));
    for (const [id, card] of this.cards) {
      if (!shown.has(id)) {
        card.remove();
        this.cards.delete(id);
      }
    }
    alerts.forEach((alert, index) => {
      let card = this.cards.get(alert.id);
      if (!card) {
        card = createCard(alert.id);
        this.cards.set(alert.id, card);
      }
      fillCard(card, alert, this.view);
      if (this.list.children[index] !== card) this.list.insertBefore(card, this.list.children[index] || null);
    });
    this.empty.hidden = alerts.length > 0;
  }

  /** The card of an alert, when it is shown. */
  card(id) {
    return this.cards.get(id);
  }
}
