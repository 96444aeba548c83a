// The live alert map (/): grid, devices and open alerts, live over the websocket. Rescue teams, the district
// and admins; everyone else is sent to the worker console.
import { allDevices, expireSession, getJson } from './api.js';
import { armSound, raiseAlarm } from './alarm.js';
import { AlertBook, LEVELS } from './alerts.js';
import { Departments, sideOf } from './casework.js';
import { cardText, showDetail } from './detail.js';
import { initI18n, t } from './i18n.js';
import { MapView } from './layers.js';
import { linkState, showLink } from './link.js';
import { requireSession } from './login.js';
import { Filters, renderAlertList, renderSummary } from './panel.js';
import { EscalationTimes, needsMe } from './priority.js';
import { AlertSocket } from './socket.js';
import { kindLabel } from './story.js';
import { startClocks } from './waiting.js';

const MAP_ROLES = ['rescue', 'district', 'admin'];
const REDRAW_AFTER_MS = 50;

/** Each level's GeoJSON, fetched once when first drawn. */
function gridLevels() {
  const loaded = new Map();
  return (level) => {
    if (!loaded.has(level)) loaded.set(level, getJson(`/api/grid?level=${level}`));
    return loaded.get(level);
  };
}

/** A rough centre of each cell (the middle of its outer ring's box): where an alert without a device sits. */
function centres(cells) {
  const out = new Map();
  for (const feature of cells.features) {
    const ring = feature.geometry.type === 'Polygon' ? feature.geometry.coordinates[0]
      : feature.geometry.coordinates[0][0];
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of ring) {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
    out.set(feature.properties.id, [(minY + maxY) / 2, (minX + maxX) / 2]);
  }
  return out;
}

function deviceStates(alerts) {
  const states = new Map();
  for (const alert of alerts) {
    const id = alert.source?.device;
    if (!id) continue;
    const state = alert.kind === 'offline' || alert.kind === 'battery' ? alert.kind : 'alert';
    if (states.get(id) !== 'alert') states.set(id, state);
  }
  return states;
}

async function main() {
  await initI18n();
  armSound();
  const who = await requireSession();
  if (!MAP_ROLES.includes(who.role)) {
    location.replace('/worker');
    return;
  }
  const book = new AlertBook();
  let snapshotSeen = false;
  const socket = new AlertSocket(who.token, (message) => {
    if (message.type === 'snapshot') snapshotSeen = true;
    book.receive(message);
  }, showLink, expireSession);
  socket.start();

  const level = gridLevels();
  const [config, names, district, cells, devices, departments] = await Promise.all([getJson('/api/config'),
    getJson('/api/grid/names').then((body) => body.names), level('district'), level('cell'), allDevices(),
    Departments.load()]);
  performance.mark('gridwatch-fetched');
  const nameOf = (id) => names[id] || id || '—';
  const cellCentres = centres(cells);
  const devicePositions = new Map(devices.map((d) => [d.id, [d.lat, d.lon]]));
  const positionOf = (alert) => devicePositions.get(alert.source?.device) || cellCentres.get(alert.path?.cell);

  const view = new MapView(document.getElementById('map'), config);
  view.showOutline(district);
  view.showGrid(cells);
  view.showDevices(devices);
  performance.mark('gridwatch-drawn');
  const coords = document.getElementById('coords');
  view.onPointer(([lon, lat]) => { coords.textContent = `${config.grid_crs} ${lon.toFixed(5)}, ${lat.toFixed(5)}`; });

  // the district and admins act on the chosen case from its panel; rescue teams only watch
  const casework = { side: sideOf(who.role), departments, onDone: (event, alert) => book.apply(event, alert) };
  let selected = null;
  // a click on an alert (list, marker or banner) flies the map to it and brings its detail into view
  const select = (id) => {
    const alert = book.byId.get(id);
    if (!alert) return;
    selected = id;
    const position = positionOf(alert);
    if (position) view.flyToAlert(id, position);
    redraw();
    showDetail(alert, nameOf, casework, position);
  };
  const escalations = new EscalationTimes(() => redraw());
  const escalatedAt = (alert) => (needsMe(alert, who) && alert.escalations > 0 ? escalations.get(alert) : null);
  const filters = new Filters(() => {
    view.showDeviceKinds(filters.kinds());
    redraw();
  });
  function redraw() {
    const open = book.all();
    const shown = open.filter((a) => filters.accepts(a));
    view.showAlerts(shown, positionOf, select, selected);
    const states = deviceStates(open);
    view.restyleDevices((id) => states.get(id) || 'ok');
    renderAlertList(shown, nameOf, selected, select, who, escalatedAt);
    renderSummary(open);
  }

  const levelSelect = document.getElementById('grid-level');
  levelSelect.replaceChildren(...LEVELS.map((level) => new Option(t(`level.${level}`), level, false, level === 'cell')));
  levelSelect.addEventListener('change', async () => {
    const chosen = levelSelect.value;
    const collection = await level(chosen);
    if (levelSelect.value === chosen) view.showGrid(collection);
  });

  let ready = false;
  // a burst of events (a storm, a snapshot after a reconnection) is drawn once
  let pending = null;
  let selectedChanged = false;
  book.listen((change) => {
    if (change.type === 'event' && change.alert.id === selected) selectedChanged = true;
    const { alert, before } = change;
    if (change.type === 'event' && alert.status === 'open' && alert.severity === 'critical'
        && before?.severity !== 'critical') {
      raiseAlarm(`${kindLabel(alert.kind)} · ${nameOf(alert.path.cell)}`, 'banner.newCritical', () => select(alert.id));
    }
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      redraw();
      if (selected !== null && !book.byId.has(selected)) {
        selected = null; // resolved, or gone from the snapshot after a reconnection
        document.getElementById('detail').hidden = true;
      } else if (selectedChanged) {
        showDetail(book.byId.get(selected), nameOf, casework, positionOf(book.byId.get(selected)));
      }
      selectedChanged = false;
      if (!ready && snapshotSeen) markReady();
    }, REDRAW_AFTER_MS);
  });
  redraw();
  startClocks((id) => book.byId.get(id));
  function markReady() {
    ready = true;
    performance.mark('gridwatch-ready');
    document.body.dataset.ready = 'true';
  }
  if (snapshotSeen) markReady();

  // a small window onto the page for tests and operators: counts, one alert, and a drill for the live link
  window.gridwatch = {
    stats: () => ({
      ready, gridLevel: levelSelect.value, cells: view.gridCount, devices: view.deviceCount(),
      alerts: book.byId.size, drawnAlerts: view.alertCount, link: linkState(),
      banner: document.getElementById('banner').textContent,
      order: [...document.querySelectorAll('#alert-list button')].map((b) => b.dataset.alertId),
      view: view.view(),
    }),
    positionOf: (id) => (book.byId.has(id) ? positionOf(book.byId.get(id)) : null),
    zoomTo: (lat, lon, zoom) => view.zoomTo([lat, lon], zoom),
    cardText: (id) => cardText(book.byId.get(id), nameOf, positionOf(book.byId.get(id)), departments),
    alert: (id) => book.byId.get(id) || null,
    alertFrom: (deviceId) => book.all().find((a) => a.source?.device === deviceId) || null,
    select,
    dropLink: (holdMs) => socket.drop(holdMs),
  };
}

main().catch((failure) => {
  document.getElementById('link').textContent = t('error.load');
  throw failure;
});
