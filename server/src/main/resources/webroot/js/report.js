// /report: a resident snaps and reports a hazard without an account. The photo (camera or gallery), a position (the
// photo's own GPS, the phone's geolocation, or a tap on the map — the report says which, and in which CRS), a
// category, a description and an optional phone; the upload shows its progress and every refusal in plain words.
import { BaseMap } from './basemap.js';
import { exifGps } from './exif.js';
import { categoryIcon } from './icons.js';
import { currentLanguage, initI18n, t } from './i18n.js';

const L = window.L;
const form = document.getElementById('report-form');
const where = document.getElementById('where');
const errorLine = document.getElementById('error');
const progress = document.getElementById('progress');

/** What the form holds beyond its inputs. position: {source, lon, lat, crs} or null. */
const state = { photo: null, position: null, category: null, idempotencyKey: null };

async function main() {
  await initI18n();
  const [area, categories] = await Promise.all([getJson('/api/reports/area'), getJson('/api/reports/categories')]);
  const base = new BaseMap(area.tiles, area.grid_crs);
  const map = L.map('map', { attributionControl: Boolean(area.tiles), tapTolerance: 20 });
  base.addTo(map);
  const outline = L.geoJSON(area.district, base.geoJsonOptions({
    style: { color: '#1a237e', weight: 2, fill: false }, interactive: false,
  })).addTo(map);
  map.fitBounds(outline.getBounds());
  const marker = L.circleMarker([0, 0], { radius: 9, color: '#ffffff', weight: 3, fillColor: '#c62828', fillOpacity: 1 });

  const choose = (position) => {
    state.position = position;
    const at = base.place(position.crs, position.lon, position.lat);
    marker.setLatLng(at).addTo(map);
    map.setView(at, Math.max(map.getZoom(), 16));
    where.dataset.source = position.source;
    where.textContent = t(`report.whereFrom.${position.source}`, {
      lon: position.lon.toFixed(5), lat: position.lat.toFixed(5),
    });
  };
  map.on('click', (event) => {
    const [lon, lat] = [event.latlng.lng, event.latlng.lat];
    choose({ source: 'map', lon, lat, crs: base.tapCrs });
  });
  document.getElementById('locate').addEventListener('click', () => locate(choose));
  for (const input of [document.getElementById('camera'), document.getElementById('gallery')]) {
    input.addEventListener('change', () => photoChosen(input.files[0], choose));
  }
  showCategories(categories.categories);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  form.addEventListener('input', () => { state.idempotencyKey = null; });
  document.getElementById('again').addEventListener('click', () => location.reload());

  // for tests and drills: where the page would put a position, and how to pick one without a real tap
  window.gridwatch = {
    map,
    base,
    outline,
    position: () => state.position,
    tap: (lon, lat) => map.fire('click', { latlng: L.latLng(lat, lon) }),
  };
  document.body.dataset.ready = 'true';
}

async function photoChosen(file, choose) {
  if (!file) return;
  state.photo = file;
  state.idempotencyKey = null;
  const preview = document.getElementById('preview');
  preview.src = URL.createObjectURL(file);
  preview.hidden = false;
  const gps = await exifGps(file).catch(() => null);
  // the photo's own position is used unless the resident already chose one on purpose
  if (gps && (!state.position || state.position.source === 'exif')) {
    choose({ source: 'exif', lon: gps.lon, lat: gps.lat, crs: 'WGS84' });
  }
}

/** The phone's position: WGS84, as the W3C Geolocation API gives it. */
function locate(choose) {
  if (!navigator.geolocation) {
    showError(t('report.error.noGeolocation'));
    return;
  }
  where.textContent = t('report.locating');
  navigator.geolocation.getCurrentPosition(
    (p) => choose({ source: 'geolocation', lon: p.coords.longitude, lat: p.coords.latitude, crs: 'WGS84' }),
    () => showError(t('report.error.geolocationDenied')),
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
  );
}

function showCategories(categories) {
  const box = document.getElementById('categories');
  box.replaceChildren(...categories.map((category) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'category';
    button.setAttribute('role', 'radio');
    button.setAttribute('aria-checked', 'false');
    button.dataset.category = category.id;
    const label = document.createElement('span');
    label.textContent = currentLanguage() === 'zh' ? category.zh : category.en;
    button.append(categoryIcon(category.id), label);
    button.addEventListener('click', () => {
      state.category = category.id;
      state.idempotencyKey = null;
      box.querySelectorAll('.category').forEach((b) => b.setAttribute('aria-checked', String(b === button)));
    });
    return button;
  }));
}

function submit() {
  showError('');
  if (!state.photo) return showError(t('report.error.noPhoto'));
  if (!state.position) return showError(t('report.error.noPosition'));
  if (!state.category) return showError(t('report.error.noCategory'));
  const data = new FormData();
  data.append('category', state.category);
  const description = form.elements.description.value.trim();
  if (description) data.append('description', description);
  const phone = form.elements.phone.value.trim();
  if (phone) data.append('phone', phone);
  // a position from the photo is read again by the server from the photo itself; the others are sent as chosen
  if (state.position.source !== 'exif') {
    data.append('lon', String(state.position.lon));
    data.append('lat', String(state.position.lat));
    data.append('crs', state.position.crs);
    data.append('located_by', state.position.source);
  }
  data.append('photo', state.photo, state.photo.name || 'photo.jpg');
  // a retry of the same report (a dropped connection) must not make a second one
  state.idempotencyKey = state.idempotencyKey || crypto.randomUUID();
  upload(data, state.idempotencyKey);
}

function upload(data, key) {
  const button = document.getElementById('submit');
  const request = new XMLHttpRequest();
  request.open('POST', '/api/reports');
  request.setRequestHeader('Idempotency-Key', key);
  request.upload.addEventListener('progress', (event) => {
    if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
  });
  request.addEventListener('load', () => {
    button.disabled = false;
    progress.hidden = true;
    let body = {};
    try {
      body = JSON.parse(request.responseText);
    } catch {
      // an answer that is not JSON (a proxy's error page): the status alone says what happened
    }
    if (request.status === 201 || request.status === 200) done(body.tracking_code);
    else showError(refusal(request.status, body));
  });
  request.addEventListener('error', () => {
    button.disabled = false;
    progress.hidden = true;
    showError(t('report.error.network'));
  });
  button.disabled = true;
  progress.value = 0;
  progress.hidden = false;
  request.send(data);
}

/** Every refusal the API gives, in the resident's words. */
function refusal(status, body) {
  switch (status) {
    case 413: return t('report.error.tooLarge');
    case 415: return t('report.error.notImage');
    case 422:
      if (body.error === 'unprocessable') return t('report.error.outside');
      return t('report.error.badImage');
    case 429: return t('report.error.tooMany');
    case 503: return t('report.error.busy');
    case 400: return t('report.error.badForm');
    default: return t('report.error.other', { status });
  }
}

function done(code) {
  form.hidden = true;
  document.getElementById('done').hidden = false;
  document.getElementById('code').textContent = code;
  document.getElementById('track-link').href = `/track/${encodeURIComponent(code)}`;
}

function showError(text) {
  errorLine.textContent = text;
}

async function getJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

main().catch((failure) => {
  showError(t('error.load'));
  throw failure;
});
