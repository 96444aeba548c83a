// The chosen alert: where it is (all five units by name), who has it now, how long it has waited, the steps the
// reader may take, its source and its story (the department's steps included); printed or shared as one card with
// the team that goes out.
import { blobUrl, getJson } from './api.js';
import { LEVELS } from './alerts.js';
import { kindIcon, sensorKind } from './vocabulary.js';
import { departmentOf, isOverdue, lastWord, renderSteps } from './casework.js';
import { formatTime, t } from './i18n.js';
import { actorLabel, formatValue, kindLabel, lineTime, reasonText, story } from './story.js';
import { clockFor, waitingText } from './waiting.js';

const SPARK_WIDTH = 220;
const SPARK_HEIGHT = 40;

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function row(list, label, value) {
  const cell = element('dd');
  cell.append(value);
  list.append(element('dt', null, label), cell);
}

// the steps' forms outlive a redraw of the same alert, so that a half-written note survives live updates
let steps = element('div', 'actions');

/**
 * Draws the panel at once from what the page holds, brings it into view, then fills the source and timeline as
 * they arrive. casework: {side, departments, onDone(event, alert)}, as renderSteps takes it; position is
 * [lat, lon] (where the map shows the alert), when known.
 */
export async function showDetail(alert, nameOf, casework, position) {
  const panel = document.getElementById('detail');
  const fresh = panel.hidden || panel.dataset.alertId !== String(alert.id);
  panel.hidden = false;
  if (panel.dataset.alertId !== String(alert.id)) steps = element('div', 'actions');
  panel.dataset.alertId = alert.id;
  const heading = element('h2', null, `${t(`severity.${alert.severity}`)} · ${kindLabel(alert.kind)} #${alert.id}`);
  const facts = element('dl', 'facts');
  row(facts, t('detail.status'), t(`status.${alert.status}`) + (isOverdue(alert) ? ` · ${t('case.overdueBadge')}` : ''));
  row(facts, t('detail.holder'), `${t(`level.${alert.level}`)} · ${nameOf(alert.path[alert.level])}`);
  const department = departmentOf(alert);
  if (department) row(facts, t('action.department'), department.name);
  if (department && alert.case.due_at) row(facts, t('action.due'), formatTime(alert.case.due_at));
  if (lastWord(alert)) row(facts, t('detail.lastWord'), lastWord(alert));
  row(facts, t('detail.opened'), formatTime(alert.opened_at));
  const waited = element('span', 'waited');
  clockFor(waited, alert);
  row(facts, t('detail.waited'), waited);
  if (alert.acked_at) row(facts, t('detail.acked'), formatTime(alert.acked_at));
  if (alert.value !== undefined && alert.value !== null) row(facts, t('detail.value'), formatValue(alert.value));
  row(facts, t('detail.reason'), reasonText(alert));
  if (position) row(facts, t('detail.position'), `${position[0].toFixed(5)}, ${position[1].toFixed(5)}`);
  const path = element('ol', 'path');
  for (const level of LEVELS) {
    const step = element('li', null, `${t(`level.${level}`)}: ${nameOf(alert.path[level])}`);
    if (level === alert.level) step.className = 'holder';
    path.append(step);
  }
  const source = element('section', 'source');
  const timeline = element('ol', 'timeline');
  const shared = element('p', 'shared');
  shared.setAttribute('role', 'status');
  const tools = element('div', 'card-tools');
  const print = element('button', 'print', t('card.print'));
  const share = element('button', 'share', t('card.share'));
  print.type = 'button';
  share.type = 'button';
  print.addEventListener('click', () => window.print());
  share.addEventListener('click', () => shareCard(alert, nameOf, position, shared, casework.departments));
  tools.append(print, share);
  renderSteps(steps, alert, casework);
  panel.replaceChildren(heading, tools, shared, facts, steps, element('h3', null, t('detail.path')), path,
    element('h3', null, t('detail.source')), source, element('h3', null, t('detail.timeline')), timeline);
  if (fresh) panel.scrollIntoView({ block: 'start', behavior: 'auto' });
  if (alert.case?.photos?.length) {
    fillPhotos(source, alert.case.photos).catch(() => source.append(element('p', 'error', t('error.load'))));
  }
  await Promise.all([fillSource(source, alert), fillTimeline(timeline, alert, nameOf, casework.departments)]);
}

/** One alert as plain text, for the team that goes out: what, where (units and position), values, the story. */
export async function cardText(alert, nameOf, position, departments) {
  const lines = [`${t(`severity.${alert.severity}`)} · ${kindLabel(alert.kind)} #${alert.id} · ${t(`status.${alert.status}`)}`,
    `${t('detail.reason')}: ${reasonText(alert)}`,
    `${t('detail.path')}: ${LEVELS.map((level) => nameOf(alert.path[level])).join(' / ')}`];
  if (position) lines.push(`${t('detail.position')}: ${position[0].toFixed(5)}, ${position[1].toFixed(5)}`);
  if (alert.value !== undefined && alert.value !== null) lines.push(`${t('detail.value')}: ${formatValue(alert.value)}`);
  lines.push(`${t('detail.opened')}: ${formatTime(alert.opened_at)} · ${waitingText(alert)}`);
  const full = await getJson(`/api/alerts/${alert.id}`).catch(() => null);
  if (full) {
    lines.push(`${t('detail.timeline')}:`);
    for (const entry of story(full.events || [], alert, nameOf, departments ? caseLine(departments) : undefined)) {
      lines.push(`  ${lineTime(entry)} ${entry.text}`);
    }
  }
  return lines.join('\n');
}

/** The system's share sheet where there is one (phones), else the clipboard, else the text to copy by hand. */
async function shareCard(alert, nameOf, position, status, departments) {
  const text = await cardText(alert, nameOf, position, departments);
  const title = `${t(`severity.${alert.severity}`)} · ${kindLabel(alert.kind)} #${alert.id}`;
  try {
    if (navigator.share) {
      await navigator.share({ title, text });
      return;
    }
    await navigator.clipboard.writeText(text);
    status.textContent = t('card.copied');
  } catch {
    const box = element('textarea', 'share-text');
    box.readOnly = true;
    box.value = text;
    box.setAttribute('aria-label', t('card.copyByHand'));
    status.replaceChildren(element('span', null, t('card.copyByHand')), box);
    box.select();
  }
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
  row(facts, t('detail.device'), `${device.name || device.id} (${kindIcon(device.kind)} ${kindLabel(device.kind)})`);
  row(facts, t('detail.lastSeen'), formatTime(device.last_seen));
  const last = device.last || {};
  // the kind's own fields, as the server's kind registry lists them
  const kind = sensorKind(device.kind);
  for (const field of kind?.fields || []) {
    if (field.name === 'battery') continue;
    const value = last[field.name];
    row(facts, t(`field.${device.kind}.${field.name}`), field.type === 'flag'
      ? (value === true ? t('reading.yes') : value === false ? t('reading.no') : '—') : (value ?? '—'));
  }
  row(facts, t('reading.battery'), last.battery ?? '—');
  section.append(facts);
  const since = new Date(Date.now() - 6 * 3600 * 1000).toISOString();
  const history = await getJson(`/api/devices/${encodeURIComponent(id)}/readings?since=${since}`).catch(() => null);
  const values = (history?.readings || []).map((r) => r[kind?.measure]).filter((v) => typeof v === 'number');
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

const CASE_STEPS = ['dispatched', 'accepted', 'handled', 'returned', 'verified', 'overdue'];

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

/** A case step as one line of the story (the grid's own events are story.js's to tell). */
function caseLine(departments) {
  return (event) => {
    if (!CASE_STEPS.includes(event.type)) return null;
    const words = stepWords(event, departments);
    return `${t(`event.${event.type}`)} · ${stepTaker(event, departments)}${event.actor ? ` · ${actorLabel(event.actor)}` : ''}`
      + `${words ? ` · ${words}` : ''}`;
  };
}

/** The alert's story (repeated updates folded, a case's steps with their words), newest line last. */
export async function fillTimeline(list, alert, nameOf, departments) {
  try {
    const full = await getJson(`/api/alerts/${alert.id}`);
    for (const entry of story(full.events || [], alert, nameOf, departments ? caseLine(departments) : undefined)) {
      const item = element('li');
      item.dataset.event = entry.type;
      const time = element('time', null, lineTime(entry));
      time.dateTime = entry.at;
      item.append(time, ` ${entry.text}`);
      list.append(item);
    }
  } catch (failure) {
    list.append(element('li', 'error', t('error.load')));
  }
}
