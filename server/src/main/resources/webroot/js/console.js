// The worker console (/worker): the person's own alerts, live, what needs them first; acknowledge, resolve with a
// note, dispatch to a department and verify its work. Titled for the person's role.
import { expireSession, getJson } from './api.js';
import { armSound, raiseAlarm } from './alarm.js';
import { AlertBook } from './alerts.js';
import { CardList } from './cards.js';
import { Departments, sideOf } from './casework.js';
import { initI18n, t } from './i18n.js';
import { linkState, showLink } from './link.js';
import { requireSession } from './login.js';
import { EscalationTimes, addressedTo, byNeed, needsMe, whyText } from './priority.js';
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
  if (sideOf(who.role) === 'department') {
    location.replace('/department');
    return;
  }
  showTitle(who.role);
  document.getElementById('who').textContent = `${who.username} · ${t(`role.${who.role}`)}`;
  const [names, departments] = await Promise.all([
    getJson('/api/grid/names').then((body) => body.names).catch(() => ({})), Departments.load()]);
  const nameOf = (id) => names[id] || id || '—';

  const book = new AlertBook();
  // an escalation's time arrives from the audit trail after the card was drawn: say it then
  const escalations = new EscalationTimes(() => redraw());
  const cards = new CardList(document.getElementById('cards'), document.getElementById('empty'), {
    nameOf,
    departments,
    side: sideOf(who.role),
    mine: (alert) => (addressedTo(alert, who) ? [needsMe(alert, who), t('worker.yoursNow')]
      : [false, t('worker.heldBy', { level: t(`level.${alert.level}`), unit: nameOf(alert.path[alert.level]) })]),
    why: (alert) => whyText(alert, who, nameOf,
      needsMe(alert, who) && alert.escalations > 0 ? escalations.get(alert) : null),
    onDone: (event, alert) => book.apply(event, alert),
  });
  const redraw = () => cards.show(book.all().sort(byNeed(who)));

  let ready = false;
  book.listen((change) => {
    redraw();
    if (change.type === 'snapshot') ready = true;
    const { alert, before } = change;
    if (change.type === 'event' && alert.status === 'open' && alert.severity === 'critical'
        && before?.severity !== 'critical') {
      raiseAlarm(`${kindLabel(alert.kind)} · ${nameOf(alert.path.cell)}`, 'banner.newCritical', () => {
        cards.card(alert.id)?.scrollIntoView({ block: 'center' });
        cards.card(alert.id)?.focus();
      });
    }
  });
  startClocks((id) => book.byId.get(id));

  const socket = new AlertSocket(who.token, (message) => book.receive(message), showLink, expireSession);
  socket.start();

  window.gridwatch = {
    stats: () => ({ ready, alerts: book.byId.size, link: linkState(),
      banner: document.getElementById('banner').textContent,
      order: [...document.querySelectorAll('#cards > li')].map((card) => card.dataset.alertId) }),
    alert: (id) => book.byId.get(id) || null,
    alertFrom: (deviceId) => book.all().find((a) => a.source?.device === deviceId) || null,
    dropLink: (holdMs) => socket.drop(holdMs),
  };
}

main();
