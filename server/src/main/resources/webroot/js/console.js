// The worker console (/worker): the person's own alerts, live; acknowledge, resolve with a note, dispatch to a
// department and verify its work.
import { expireSession, getJson } from './api.js';
import { armSound, raiseAlarm } from './alarm.js';
import { AlertBook, ROLE_LEVELS, byUrgency } from './alerts.js';
import { CardList } from './cards.js';
import { Departments, sideOf } from './casework.js';
import { initI18n, t } from './i18n.js';
import { linkState, showLink } from './link.js';
import { requireSession } from './login.js';
import { AlertSocket } from './socket.js';

async function main() {
  await initI18n();
  armSound();
  const who = await requireSession();
  if (sideOf(who.role) === 'department') {
    location.replace('/department');
    return;
  }
  document.getElementById('who').textContent = `${who.username} · ${t(`role.${who.role}`)}`;
  const [names, departments] = await Promise.all([
    getJson('/api/grid/names').then((body) => body.names).catch(() => ({})), Departments.load()]);
  const nameOf = (id) => names[id] || id || '—';
  const myLevel = ROLE_LEVELS[who.role];
  const isMine = (alert) => alert.level === myLevel && alert.path[myLevel] === who.unit;

  const book = new AlertBook();
  const cards = new CardList(document.getElementById('cards'), document.getElementById('empty'), {
    nameOf,
    departments,
    side: sideOf(who.role),
    mine: (alert) => (isMine(alert) ? [true, t('worker.yoursNow')]
      : [false, t('worker.heldBy', { level: t(`level.${alert.level}`), unit: nameOf(alert.path[alert.level]) })]),
    onDone: (event, alert) => book.apply(event, alert),
  });

  let ready = false;
  book.listen((change) => {
    cards.show(book.all().sort(byUrgency));
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
