// /track/{code}: a report's progress in plain words (received → with the grid worker → sent to a department →
// handled → closed), what staff chose to share of the handling, and once closed the rating, given once.
import { currentLanguage, formatTime, initI18n, t } from './i18n.js';

const STEPS = ['received', 'with_grid', 'dispatched', 'handled', 'closed'];
const code = decodeURIComponent(location.pathname.split('/').pop() || '');
const message = document.getElementById('message');

async function main() {
  await initI18n();
  document.getElementById('rating').addEventListener('submit', rate);
  await load();
  window.gridwatch = { reload: load };
}

async function load() {
  const response = await fetch(`/api/reports/${encodeURIComponent(code)}`, { cache: 'no-store' });
  if (!response.ok) {
    document.getElementById('report').hidden = true;
    message.textContent = response.status === 404 ? t('track.notFound')
      : response.status === 429 ? t('track.tooMany') : t('error.load');
    document.body.dataset.ready = 'true';
    return;
  }
  show(await response.json());
  document.body.dataset.ready = 'true';
}

function show(report) {
  message.textContent = '';
  document.getElementById('report').hidden = false;
  document.getElementById('code').textContent = report.tracking_code;
  const category = currentLanguage() === 'zh' ? report.category_label.zh : report.category_label.en;
  document.getElementById('summary').textContent = t('track.summary', {
    category, time: formatTime(report.created_at), unit: report.responsible_unit?.name || '—',
  });
  const photo = document.getElementById('photo-state');
  photo.hidden = report.photo !== 'processing' && report.photo !== 'failed';
  photo.dataset.state = report.photo || '';
  photo.textContent = photo.hidden ? '' : t(`track.photo.${report.photo}`);
  showTimeline(report.timeline || []);
  showHandling(report.handling);
  const rating = document.getElementById('rating');
  const rated = document.getElementById('rated');
  rating.hidden = !report.can_rate;
  rated.hidden = !report.rating;
  if (report.rating) rated.textContent = t('track.rated', { score: t(`score.${report.rating.score}`) });
}

/** The five steps, each with the time it was last reached; a step the case went past without is marked skipped. */
function showTimeline(timeline) {
  const reached = new Map();
  for (const entry of timeline) reached.set(entry.step, entry.at);
  const last = Math.max(...STEPS.map((step, i) => (reached.has(step) ? i : -1)));
  const list = document.getElementById('timeline');
  const items = STEPS.map((step, i) => {
    const item = document.createElement('li');
    item.dataset.step = step;
    item.className = reached.has(step) ? 'done' : i < last ? 'skipped' : 'pending';
    const name = document.createElement('span');
    name.textContent = t(`track.step.${step}`);
    const at = document.createElement('time');
    at.textContent = reached.has(step) ? formatTime(reached.get(step)) : i < last ? t('track.skipped') : '';
    item.append(name, at);
    return item;
  });
  for (const entry of timeline.filter((e) => e.step === 'reopened')) {
    const item = document.createElement('li');
    item.dataset.step = 'reopened';
    item.className = 'reopened';
    const name = document.createElement('span');
    name.textContent = t('track.step.reopened');
    const at = document.createElement('time');
    at.textContent = formatTime(entry.at);
    item.append(name, at);
    items.push(item);
  }
  list.replaceChildren(...items);
}

/** The handling note and photo, only when staff chose to share them. */
function showHandling(handling) {
  const box = document.getElementById('handling');
  box.hidden = !handling;
  if (!handling) return;
  document.getElementById('handling-note').textContent = handling.note || '';
  const photo = document.getElementById('handling-photo');
  photo.hidden = !handling.photo;
  if (handling.photo) photo.src = handling.photo;
}

async function rate(event) {
  event.preventDefault();
  const form = event.target;
  const errorLine = document.getElementById('rating-error');
  const score = form.elements.score.value;
  if (!score) {
    errorLine.textContent = t('track.error.noScore');
    return;
  }
  const comment = form.elements.comment.value.trim();
  const response = await fetch(`/api/reports/${encodeURIComponent(code)}/rating`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(comment ? { score, comment } : { score }),
  });
  if (response.status === 201) {
    errorLine.textContent = '';
    await load();
    return;
  }
  errorLine.textContent = response.status === 409 ? t('track.error.conflict')
    : response.status === 429 ? t('track.tooMany') : t('error.load');
}

main().catch((failure) => {
  message.textContent = t('error.load');
  throw failure;
});
