// The chosen alert: where it is (all five units by name), who has it now, its source and its timeline.
import { blobUrl, getJson } from './api.js';
import { LEVELS } from './alerts.js';
import { formatTime, t } from './i18n.js';

const SPARK_WIDTH = 220;
const SPARK_HEIGHT = 40;

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function row(list, label, value) {
  list.append(element('dt', null, label), element('dd', null, value));
}

/** Draws the panel at once from what the page holds, then fills the source and timeline as they arrive. */
export async function showDetail(alert, nameOf) {
  const panel = document.getElementById('detail');
  panel.hidden = false;
  panel.dataset.alertId = alert.id;
  const heading = element('h2', null, `${t(`severity.${alert.severity}`)} · ${t(`kind.${alert.kind}`)} #${alert.id}`);
  const facts = element('dl', 'facts');
  row(facts, t('detail.status'), t(`status.${alert.status}`));
  row(facts, t('detail.holder'), `${t(`level.${alert.level}`)} · ${nameOf(alert.path[alert.level])}`);
  row(facts, t('detail.opened'), formatTime(alert.opened_at));
  if (alert.acked_at) row(facts, t('detail.acked'), formatTime(alert.acked_at));
  if (alert.value !== undefined && alert.value !== null) row(facts, t('detail.value'), String(alert.value));
  if (alert.reason) row(facts, t('detail.reason'), alert.reason);
  const path = element('ol', 'path');
  for (const level of LEVELS) {
    const step = element('li', null, `${t(`level.${level}`)}: ${nameOf(alert.path[level])}`);
    if (level === alert.level) step.className = 'holder';
    path.append(step);
  }
  const source = element('section', 'source');
  const timeline = element('ol', 'timeline');
  panel.replaceChildren(heading, facts, element('h3', null, t('detail.path')), path,
    element('h3', null, t('detail.source')), source, element('h3', null, t('detail.timeline')), timeline);
  await Promise.all([fillSource(source, alert), fillTimeline(timeline, alert.id)]);
}

async function fillSource(section, alert) {
  try {
    if (alert.source?.device) await fillDevice(section, alert.source.device);
    if (alert.photos?.length) await fillPhotos(section, alert.photos);
    if (!alert.source?.device && !alert.photos?.length && alert.source?.report) {
      section.append(element('p', null, `${t('detail.report')} ${alert.source.report}`));
    }
  } catch (failure) {
    section.append(element('p', 'error', t('error.load')));
  }
}

async function fillDevice(section, id) {
  const device = await getJson(`/api/devices/${encodeURIComponent(id)}`);
  const facts = element('dl', 'facts');
  row(facts, t('detail.device'), `${device.name || device.id} (${t(`kind.${device.kind}`)})`);
  row(facts, t('detail.lastSeen'), formatTime(device.last_seen));
  const last = device.last || {};
  if (device.kind === 'smoke') {
    row(facts, t('reading.obscuration'), last.obscuration ?? '—');
    row(facts, t('reading.alarm'), last.alarm === true ? t('reading.yes') : last.alarm === false ? t('reading.no') : '—');
  } else {
    row(facts, t('reading.level'), last.level ?? '—');
  }
  row(facts, t('reading.battery'), last.battery ?? '—');
  section.append(facts);
  const since = new Date(Date.now() - 6 * 3600 * 1000).toISOString();
  const history = await getJson(`/api/devices/${encodeURIComponent(id)}/readings?since=${since}`).catch(() => null);
  const values = (history?.readings || []).map((r) => (device.kind === 'smoke' ? r.obscuration : r.level))
    .filter((v) => typeof v === 'number');
  if (values.length > 1) section.append(sparkline(values, t('detail.sparkline', { count: values.length })));
}

/** A small line of the recent values, as SVG. */
function sparkline(values, label) {
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const points = values.map((v, i) => `${(i / (values.length - 1)) * SPARK_WIDTH},`
    + `${SPARK_HEIGHT - ((v - min) / span) * (SPARK_HEIGHT - 4) - 2}`).join(' ');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points);
  svg.append(line);
  return svg;
}

async function fillPhotos(section, urls) {
  const strip = element('div', 'photos');
  section.append(strip);
  for (const url of urls) {
    const image = element('img');
    image.alt = t('detail.photo');
    image.src = await blobUrl(`${url}/thumb`);
    strip.append(image);
  }
}

async function fillTimeline(list, id) {
  try {
    const full = await getJson(`/api/alerts/${id}`);
    for (const event of full.events || []) {
      const item = element('li');
      item.append(element('time', null, formatTime(event.at)), ` ${t(`event.${event.type}`)}`
        + ` · ${t(`level.${event.level}`)}${event.actor ? ` · ${event.actor}` : ''}${event.detail ? ` · ${event.detail}` : ''}`);
      list.append(item);
    }
  } catch (failure) {
    list.append(element('li', 'error', t('error.load')));
  }
}
