// The worker console (/worker): the person's own alerts, live; acknowledge and resolve with a note.
import { expireSession, getJson, postJson } from './api.js';
import { armSound, raiseAlarm } from './alarm.js';
import { AlertBook, ROLE_LEVELS, byUrgency } from './alerts.js';
import { createCard, fillCard } from './cards.js';
import { initI18n, t } from './i18n.js';
import { linkState, showLink } from './link.js';
import { requireSession } from './login.js';
import { AlertSocket } from './socket.js';

async function main() {
  await initI18n();
  armSound();
  const who = await requireSession();
  document.getElementById('who').textContent = `${who.username} · ${t(`role.${who.role}`)}`;
  const names = await getJson('/api/grid/names').then((body) => body.names).catch(() => ({}));
  const nameOf = (id) => names[id] || id || '—';
  const myLevel = ROLE_LEVELS[who.role];
  const isMine = (alert) => alert.level === myLevel && alert.path[myLevel] === who.unit;

  const book = new AlertBook();
  const cards = new Map();
  const list = document.getElementById('cards');
  const actions = {
    acknowledge: (id) => postJson(`/api/alerts/${id}/ack`).then((alert) => book.apply('acknowledged', alert)),
    resolve: (id, note) => postJson(`/api/alerts/${id}/resolve`, { note }).then((alert) => book.apply('resolved', alert)),
  };

  let ready = false;
  book.listen((change) => {
    const open = book.all().sort(byUrgency);
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
      fillCard(card, alert, nameOf, isMine(alert));
      if (list.children[index] !== card) list.insertBefore(card, list.children[index] || null);
    });
    document.getElementById('empty').hidden = open.length > 0;
    if (change.type === 'snapshot') ready = true;
    const { alert, before } = change;
    if (change.type === 'event' && alert.status === 'open' && alert.severity === 'critical'
        && before?.severity !== 'critical') {
      raiseAlarm(`${t(`kind.${alert.kind}`)} · ${nameOf(alert.path.cell)}`);
    }
  });

  const socket = new AlertSocket(who.token, (message) => book.receive(message), showLink, expireSession);
  socket.start();

  window.gridwatch = {
    stats: () => ({ ready, alerts: book.byId.size, link: linkState(),
      banner: document.getElementById('banner').textContent }),
    alert: (id) => book.byId.get(id) || null,
    alertFrom: (deviceId) => book.all().find((a) => a.source?.device === deviceId) || null,
    dropLink: (holdMs) => socket.drop(holdMs),
  };
}

main();
