// The map page's side panel and summary bar: filters, the list of open alerts, counts by severity.
import { KINDS, LEVELS, SEVERITIES } from './alerts.js';
import { isOverdue } from './casework.js';
import { formatWhen, t } from './i18n.js';
import { byNeed, whyText } from './priority.js';
import { kindLabel } from './story.js';
import { kindIcon } from './vocabulary.js';
import { clockFor } from './waiting.js';

/** Three groups of check boxes (kind, severity, the alert's current level); all on at first. */
export class Filters {
  constructor(onChange) {
    this.groups = {
      kind: this.checks('filter-kind', 'filter.kind', KINDS, 'kind', onChange),
      severity: this.checks('filter-severity', 'filter.severity', SEVERITIES, 'severity', onChange),
      level: this.checks('filter-level', 'filter.alertLevel', LEVELS, 'level', onChange),
    };
  }

  checks(id, titleKey, values, prefix, onChange) {
    const group = document.getElementById(id);
    const chosen = new Set(values);
    const title = document.createElement('span');
    title.className = 'group-title';
    title.textContent = t(titleKey);
    group.append(title);
    for (const value of values) {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.value = value;
      box.addEventListener('change', () => {
        if (box.checked) chosen.add(value);
        else chosen.delete(value);
        onChange();
      });
      label.append(box, ` ${prefix === 'kind' ? `${kindIcon(value)} ${kindLabel(value)}` : t(`${prefix}.${value}`)}`);
      group.append(label);
    }
    return chosen;
  }

  kinds() {
    return this.groups.kind;
  }

  accepts(alert) {
    return this.groups.kind.has(alert.kind) && this.groups.severity.has(alert.severity)
      && this.groups.level.has(alert.level);
  }
}

/**
 * The list beside the map: one focusable button per alert, what needs this person first, each saying why it is
 * there and how long it has waited.
 */
export function renderAlertList(alerts, nameOf, selectedId, onSelect, who, escalatedAt) {
  const list = document.getElementById('alert-list');
  const items = alerts.slice().sort(byNeed(who)).map((alert) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `alert-item severity-${alert.severity} status-${alert.status}${isOverdue(alert) ? ' overdue' : ''}`;
    button.dataset.alertId = alert.id;
    button.setAttribute('aria-pressed', String(alert.id === selectedId));
    button.innerHTML = '<span class="dot" aria-hidden="true"></span><span class="what"></span><span class="where"></span>'
      + '<span class="why"></span><span class="waited"></span>';
    button.querySelector('.what').textContent = `${t(`severity.${alert.severity}`)} · ${kindLabel(alert.kind)}`
      + ` · ${t(`status.${alert.status}`)}${isOverdue(alert) ? ` · ${t('case.overdueBadge')}` : ''}`;
    button.querySelector('.where').textContent = `${nameOf(alert.path.cell)} · ${formatWhen(alert.opened_at)}`;
    button.querySelector('.why').textContent = whyText(alert, who, nameOf, escalatedAt(alert));
    clockFor(button.querySelector('.waited'), alert);
    button.addEventListener('click', () => onSelect(alert.id));
    item.append(button);
    return item;
  });
  list.replaceChildren(...items);
}

/**
 * Open alerts by severity, acknowledged ones, those escalated at least once (nobody acknowledged in time), those
 * with a department and those of them past their due time.
 */
export function renderSummary(alerts) {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  let acknowledged = 0;
  let escalated = 0;
  let withDepartments = 0;
  let overdue = 0;
  for (const alert of alerts) {
    counts[alert.severity] += 1;
    if (alert.status === 'acknowledged') acknowledged += 1;
    if (alert.escalations > 0) escalated += 1;
    if (alert.status === 'dispatched' || alert.status === 'accepted') withDepartments += 1;
    if (isOverdue(alert)) overdue += 1;
  }
  const summary = document.getElementById('summary');
  const chips = SEVERITIES.map((s) => chip(`severity-${s}`, t(`severity.${s}`), counts[s], s));
  chips.push(chip('acknowledged', t('summary.acknowledged'), acknowledged, 'acknowledged'));
  chips.push(chip('escalated', t('summary.escalated'), escalated, 'escalated'));
  chips.push(chip('with-departments', t('summary.withDepartments'), withDepartments, 'withDepartments'));
  chips.push(chip('overdue', t('summary.overdue'), overdue, 'overdue'));
  summary.replaceChildren(...chips);
}

function chip(className, label, count, key) {
  const element = document.createElement('span');
  element.className = `chip ${className}`;
  element.dataset.count = key;
  element.textContent = `${label} ${count}`;
  return element;
}
