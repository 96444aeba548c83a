// The department console (/department): the cases dispatched to the reader's department, live; accept one, report
// its handling with a note and photos, or return it with a reason. What needs the department comes first.
import { expireSession, getJson } from './api.js';
import { armSound, raiseAlarm } from './alarm.js';
import { AlertBook } from './alerts.js';
import { CardList } from './cards.js';
import { Departments, departmentOf, isOverdue, sideOf, stepsFor } from './casework.js';
import { initI18n, t } from './i18n.js';
import { linkState, showLink } from './link.js';
import { requireSession } from './login.js';
import { AlertSocket } from './socket.js';

/** The statuses the department sees, in the order they need it: new ones to accept, then ones to handle. */
const SHOWN = ['dispatched', 'accepted', 'handled'];
const RECHECK_DUE_MS = 30000;

/** Overdue first, then by status as above, then the earliest due. */
function byNeed(a, b) {
  return Number(isOverdue(b)) - Number(isOverdue(a))
    || SHOWN.indexOf(a.status) - SHOWN.indexOf(b.status)
    || (Date.parse(a.case?.due_at) || Infinity) - (Date.parse(b.case?.due_at) || Infinity)
    || Date.parse(a.opened_at) - Date.parse(b.opened_at);
}

async function main() {
  await initI18n();
  armSound();
  const who = await requireSession();
  if (sideOf(who.role) !== 'department') {
    location.replace('/worker');
    return;
  }
  const [names, departments] = await Promise.all([
    getJson('/api/grid/names').then((body) => body.names).catch(() => ({})), Departments.load()]);
  document.getElementById('who').textContent = `${who.username} · ${departments.name(who.unit)}`;
  const nameOf = (id) => names[id] || id || '—';
  // a case sent back or sent on to another department is no longer ours to show
  const ours = (alert) => SHOWN.includes(alert.status) && departmentOf(alert)?.id === who.unit;

  const book = new AlertBook();
  const cards = new CardList(document.getElementById('cards'), document.getElementById('empty'), {
    nameOf,
    departments,
    side: 'department',
    mine: (alert) => (stepsFor(alert, 'department').length ? [true, t('department.yours')]
      : [false, t('department.waiting')]),
    onDone: (event, alert) => book.apply(event, alert),
  });
  const redraw = () => cards.show(book.all().filter(ours).sort(byNeed));

  let ready = false;
  book.listen((change) => {
    redraw();
    if (change.type === 'snapshot') ready = true;
    const { alert, before } = change;
    if (change.type === 'event' && alert.status === 'dispatched' && before?.status !== 'dispatched' && ours(alert)) {
      raiseAlarm(`${t(`kind.${alert.kind}`)} · ${nameOf(alert.path.cell)}`, 'banner.newCase');
    }
  });
  setInterval(redraw, RECHECK_DUE_MS); // a due time passing moves the case up, even before the server says so

  const socket = new AlertSocket(who.token, (message) => book.receive(message), showLink, expireSession);
  socket.start();

  window.gridwatch = {
    stats: () => ({ ready, alerts: book.all().filter(ours).length, link: linkState(),
      banner: document.getElementById('banner').textContent }),
    alert: (id) => book.byId.get(id) || null,
    alertFrom: (deviceId) => book.all().find((a) => a.source?.device === deviceId) || null,
    dropLink: (holdMs) => socket.drop(holdMs),
  };
}

main();
