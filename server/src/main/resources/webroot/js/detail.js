// The chosen alert: where it is (all five units by name), who has it now, the steps the reader may take, its
// source and its timeline (the department's steps included).
import { blobUrl, getJson } from './api.js';
import { LEVELS } from './alerts.js';
import { departmentOf, isOverdue, lastWord, renderSteps } from './casework.js';
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

// the steps' forms outlive a redraw of the same alert, so that a half-written note survives live updates
let steps = element('div', 'actions');

/**
 * Draws the panel at once from what the page holds, then fills the source and timeline as they arrive.
 * casework: {side, departments, onDone(event, alert)}, as renderSteps takes it.
 */
export async function showDetail(alert, nameOf, casework) {
  const panel = document.getElementById('detail');
  panel.hidden = false;
  if (panel.dataset.alertId !== String(alert.id)) steps = element('div', 'actions');
  panel.dataset.alertId = alert.id;
  const heading = element('h2', null, `${t(`severity.${alert.severity}`)} · ${t(`kind.${alert.kind}`)} #${alert.id}`);
  const facts = element('dl', 'facts');
  row(facts, t('detail.status'), t(`status.${alert.status}`) + (isOverdue(alert) ? ` · ${t('case.overdueBadge')}` : ''));
  row(facts, t('detail.holder'), `${t(`level.${alert.level}`)} · ${nameOf(alert.path[alert.level])}`);
  const department = departmentOf(alert);
  if (department) row(facts, t('action.department'), department.name);
  if (department && alert.case.due_at) row(facts, t('action.due'), formatTime(alert.case.due_at));
  if (lastWord(alert)) row(facts, t('detail.lastWord'), lastWord(alert));
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
  renderSteps(steps, alert, casework);
  panel.replaceChildren(heading, facts, steps, element('h3', null, t('detail.path')), path,
    element('h3', null, t('detail.source')), source, element('h3', null, t('detail.timeline')), timeline);
  if (alert.case?.photos?.length) {
    fillPhotos(source, alert.case.photos).catch(() => source.append(element('p', 'error', t('error.load'))));
  }
  await Promise.all([fillSource(source, alert), fillTimeline(timeline, alert.id, casework.departments)]);
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

const CASE_STEPS = ['dispatched', 'accepted', 'handled', 'returned', 'verified', 'overdue', 'resolved'];

/** Who took a step: the department for its own steps, else the grid level the case was at. */
function stepTaker(event, departments) {
  const own = ['accepted', 'handled', 'returned'].includes(event.type);
  if (own && event.detail?.department) return departments.name(event.detail.department);
  return t(`level.${event.level}`);
}

/** A case step's own words: the order and its department, the handling, the reason for returning, the check. */
function stepWords(event, departments) {
  const d = event.detail;
  // other events' details (a sensor's reading, the rule's reason) are the source's to tell, not a person's words
  if (!d || typeof d !== 'object' || !CASE_STEPS.includes(event.type)) return '';
  const words = [];
  if (event.type === 'dispatched' && d.department) words.push(t('case.department', { name: departments.name(d.department) }));
  if (event.type === 'verified') words.push(t(d.pass ? 'case.passed' : 'case.failed'));
  const said = event.type === 'returned' ? d.reason : d.note;
  if (typeof said === 'string' && said) words.push(said);
  return words.join(' · ');
}

async function fillTimeline(list, id, departments) {
  try {
    const full = await getJson(`/api/alerts/${id}`);
    for (const event of full.events || []) {
      const item = element('li');
      item.dataset.event = event.type;
      item.append(element('time', null, formatTime(event.at)), ` ${t(`event.${event.type}`)}`
        + ` · ${stepTaker(event, departments)}${event.actor ? ` · ${event.actor}` : ''}`
        + `${stepWords(event, departments) ? ` · ${stepWords(event, departments)}` : ''}`);
      list.append(item);
    }
  } catch (failure) {
    list.append(element('li', 'error', t('error.load')));
  }
}
