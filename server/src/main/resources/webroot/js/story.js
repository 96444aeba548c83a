// What happened to an alert, told as a short story in the reader's language: opened, escalated to whom, who
// acknowledged, what they wrote. A run of repeated updates is one line with its count and the latest value. Every
// word comes from the i18n tables; only what people wrote (notes) and names stay as they are.
import { currentLanguage, formatWhen, hasMessage, t } from './i18n.js';

const NUMBER = { maximumFractionDigits: 3 };

/** A measured value as the reader's language writes numbers. */
export function formatValue(value) {
  if (typeof value !== 'number') return value === undefined || value === null ? '' : String(value);
  return new Intl.NumberFormat(currentLanguage() === 'zh' ? 'zh-CN' : 'en-GB', NUMBER).format(value);
}

function formatValues(values) {
  return Object.fromEntries(Object.entries(values || {}).map(([name, value]) => [name, formatValue(value)]));
}

/**
 * Why the alert was raised, in the reader's language: the server's reason code with its values, rendered from the
 * tables; without a code the table knows, the English view shows the server's own text and the Chinese view says
 * the kind and the value (never an English sentence).
 */
export function reasonText(alert) {
  const code = alert.reason_code;
  if (code && hasMessage(`reason.${code}`)) {
    const values = formatValues(alert.reason_values);
    if (values.category !== undefined && hasMessage(`reportCategory.${values.category}`)) {
      values.category = t(`reportCategory.${values.category}`);
    }
    const text = t(`reason.${code}`, values);
    if (!/\{\w+\}/.test(text)) return text; // a value the message names is missing: say less rather than "{line}"
  }
  if (currentLanguage() === 'en' && alert.reason) return alert.reason;
  const kind = kindLabel(alert.kind);
  return alert.value === undefined || alert.value === null ? kind
    : t('reason.fallback', { kind, value: formatValue(alert.value) });
}

export function kindLabel(kind) {
  return hasMessage(`kind.${kind}`) ? t(`kind.${kind}`) : t('kind.other');
}

/** Who did it: a person's username, or the words for the system and the demo. */
export function actorLabel(actor) {
  return hasMessage(`actor.${actor}`) ? t(`actor.${actor}`) : actor;
}

function noteText(detail) {
  if (detail?.note_code) return hasMessage(`note.${detail.note_code}`) ? t(`note.${detail.note_code}`) : '';
  return detail?.note || '';
}

function withValue(key, detail) {
  const value = detail?.value;
  return value === undefined || value === null ? t(key) : t(`${key}Value`, { value: formatValue(value) });
}

/** One line for one event (updates are folded by story()). */
function line(event, alert, nameOf) {
  const detail = event.detail || {};
  const level = hasMessage(`level.${event.level}`) ? t(`level.${event.level}`) : event.level;
  const unit = nameOf(alert.path?.[event.level]);
  const actor = actorLabel(event.actor);
  switch (event.type) {
    case 'opened':
      return `${withValue('story.opened', detail)} · ${t('story.addressed', { level, unit })}`;
    case 'escalated':
      return t('story.escalated', { level, unit });
    case 'acknowledged':
      return t('story.acknowledged', { actor });
    case 'resolved': {
      const note = noteText(detail);
      return note ? t('story.resolvedNote', { actor, note }) : t('story.resolved', { actor });
    }
    case 'cleared':
      return t('story.cleared');
    default:
      return `${hasMessage(`event.${event.type}`) ? t(`event.${event.type}`) : event.type}`
        + `${event.actor && event.actor !== 'system' ? ` · ${actor}` : ''}${noteText(detail) ? ` · ${noteText(detail)}` : ''}`;
  }
}

/**
 * The alert's events as story lines {type, at, until, text}: every run of consecutive updates becomes one line
 * saying how many there were and the latest value (a burning detector updates every few seconds). describe(event),
 * when given, tells the events it knows (a case's steps) and returns null for the others.
 */
export function story(events, alert, nameOf, describe = () => null) {
  const lines = [];
  let run = null;
  for (const event of events) {
    if (event.type === 'updated') {
      if (!run) {
        run = { type: 'updated', at: event.at, until: event.at, count: 0, last: null, reports: 0 };
        lines.push(run);
      }
      run.count += 1;
      run.until = event.at;
      if (event.detail?.report) run.reports += 1;
      if (event.detail?.value !== undefined && event.detail?.value !== null) run.last = event.detail.value;
      continue;
    }
    run = null;
    lines.push({ type: event.type, at: event.at, until: null, text: describe(event) ?? line(event, alert, nameOf) });
  }
  for (const entry of lines) {
    if (entry.text !== undefined) continue;
    const count = entry.count;
    entry.text = entry.last !== null
      ? t(count === 1 ? 'story.updatedOnce' : 'story.updated', { count, value: formatValue(entry.last) })
      : t(entry.reports > 0 ? 'story.reportsJoined' : 'story.updatedNoValue', { count });
    if (count === 1) entry.until = null;
  }
  return lines;
}

/** When a line happened: "07:03", or "07:03–07:09" for a folded run. */
export function lineTime(entry) {
  const from = formatWhen(entry.at);
  const to = entry.until ? formatWhen(entry.until) : from;
  return to === from ? from : `${from}–${to}`;
}
