// The worker console (/worker): the person's own alerts, live; acknowledge and resolve with a note.
import { expireSession, getJson, postJson } from './api.js';
import { armSound, raiseAlarm } from './alarm.js';
import { AlertBook } from './alerts.js';
import { createCard, fillCard } from './cards.js';
import { initI18n, t } from './i18n.js';
import { linkState, showLink } from './link.js';
import { requireSession } from './login.js';
import { EscalationTimes, addressedTo, byNeed, whyText } from './priority.js';
import { AlertSocket } from './socket.js';
import { kindLabel } from './story.js';
import { startClocks } from './waiting.js';

/** The console's title names the person's role: a sector leader's is not a grid worker's. */
function showTitle(role) {
  const title = t(`title.${role}`);
  document.querySelector('h1').textContent = title;
  document.title = title;
}

async function main() {
  await initI18n();
  armSound();
  const who = await requireSession();
  showTitle(who.role);
  document.getElementById('who').textContent = `${who.username} · ${t(`role.${who.role}`)}`;
  const names = await getJson('/api/grid/names').then((body) => body.names).catch(() => ({}));
  const nameOf = (id) => names[id] || id || '—';
  const isMine = (alert) => alert.status === 'open' && addressedTo(alert, who);

  const book = new AlertBook();
  const cards = new Map();
  const list = document.getElementById('cards');
  const actions = {
    acknowledge: (id) => postJson(`/api/alerts/${id}/ack`).then((alert) => book.apply('acknowledged', alert)),
    resolve: (id, note) => postJson(`/api/alerts/${id}/resolve`, { note }).then((alert) => book.apply('resolved', alert)),
  };

  let ready = false;
  const render = (change) => {
    const open = book.all().sort(byNeed(who));
    for (const [id, card] of cards) {
      if (!book.byId.has(id)) {
        card.remove();
        cards.delete(id);
      }
    }
    open.forEach((alert, index) => {
      let card = cards.get(alert.id);
      if (!card) {
        card = createCard(alert.id, actions);
        cards.set(alert.id, card);
      }
      const escalatedAt = isMine(alert) && alert.escalations > 0 ? escalations.get(alert) : null;
      fillCard(card, alert, nameOf, isMine(alert), whyText(alert, who, nameOf, escalatedAt));
      if (list.children[index] !== card) list.insertBefore(card, list.children[index] || null);
    });
    document.getElementById('empty').hidden = open.length > 0;
    if (change.type === 'snapshot') ready = true;
    const { alert, before } = change;
    if (change.type === 'event' && alert.status === 'open' && alert.severity === 'critical'
        && before?.severity !== 'critical') {
      raiseAlarm(`${kindLabel(alert.kind)} · ${nameOf(alert.path.cell)}`, () => {
        cards.get(alert.id)?.scrollIntoView({ block: 'center' });
        cards.get(alert.id)?.focus();
      });
    }
  };
  // an escalation's time arrives from the audit trail after the card was drawn: say it then
  const escalations = new EscalationTimes(() => render({ type: 'refresh' }));
  book.listen(render);
  startClocks((id) => book.byId.get(id));

  const socket = new AlertSocket(who.token, (message) => book.receive(message), showLink, expireSession);
  socket.start();

  window.gridwatch = {
    stats: () => ({ ready, alerts: book.byId.size, link: linkState(),
      banner: document.getElementById('banner').textContent,
      order: [...list.children].map((card) => card.dataset.alertId) }),
    alert: (id) => book.byId.get(id) || null,
    alertFrom: (deviceId) => book.all().find((a) => a.source?.device === deviceId) || null,
    dropLink: (holdMs) => socket.drop(holdMs),
  };
}

main();
