// What needs this person now, first: alerts addressed to them and not yet acknowledged, then the other open ones
// by severity (critical, major, minor), then those somebody already has in hand; most severe and newest first
// inside each group. And one line saying why an alert is in their list ("escalated to you at 07:03").
import { getJson } from './api.js';
import { ROLE_LEVELS } from './alerts.js';
import { formatWhen, hasMessage, t } from './i18n.js';

const SEVERITY_RANK = { critical: 0, major: 1, minor: 2 };
const IN_HAND = 5;

/** Whether the alert waits for this person's level and unit now. */
export function addressedTo(alert, who) {
  const level = ROLE_LEVELS[who.role];
  return Boolean(level) && alert.level === level && alert.path?.[level] === who.unit;
}

function severityRank(alert) {
  return SEVERITY_RANK[alert.severity] ?? 3;
}

/** Statuses in which the level that holds an alert has to act: acknowledge it, send it on again, check the work. */
const WAITING_ON_HOLDER = ['open', 'returned', 'handled'];

/** Whether the alert waits for this person to act now. */
export function needsMe(alert, who) {
  return WAITING_ON_HOLDER.includes(alert.status) && addressedTo(alert, who);
}

/**
 * 0: waiting for me (escalated to me and unacknowledged, or back to me from a department); 1–4: open, by severity;
 * 5: acknowledged or otherwise in someone's hands.
 */
export function needGroup(alert, who) {
  if (needsMe(alert, who)) return 0;
  if (alert.status !== 'open') return IN_HAND;
  return 1 + severityRank(alert);
}

/** A comparator for this person: by group, then severity, then newest first. */
export function byNeed(who) {
  return (a, b) => needGroup(a, who) - needGroup(b, who) || severityRank(a) - severityRank(b)
    || Date.parse(b.opened_at) - Date.parse(a.opened_at);
}

/**
 * When each escalated alert reached this person's level, read from its audit trail once per escalation (a few
 * alerts at a time); onLoaded is called when a time arrives, so that the page can say it.
 */
export class EscalationTimes {
  constructor(onLoaded) {
    this.onLoaded = onLoaded;
    this.known = new Map(); // id → {escalations, at}
  }

  get(alert) {
    const known = this.known.get(alert.id);
    if (known && known.escalations === alert.escalations) return known.at;
    this.known.set(alert.id, { escalations: alert.escalations, at: null }); // asked once per escalation
    getJson(`/api/alerts/${alert.id}`).then((full) => {
      const escalated = (full.events || []).filter((e) => e.type === 'escalated' && e.level === alert.level);
      const at = escalated.length ? escalated[escalated.length - 1].at : null;
      this.known.set(alert.id, { escalations: alert.escalations, at });
      if (at) this.onLoaded(alert.id);
    }).catch(() => {});
    return null;
  }
}

/** Why the alert is in this person's list, in their language. */
export function whyText(alert, who, nameOf, escalatedAt) {
  const level = hasMessage(`level.${alert.level}`) ? t(`level.${alert.level}`) : alert.level;
  if (alert.status === 'open' && needsMe(alert, who)) {
    if (alert.escalations > 0) {
      return escalatedAt ? t('why.escalatedToYouAt', { time: formatWhen(escalatedAt) }) : t('why.escalatedToYou');
    }
    return t('why.yours', { level });
  }
  if (alert.status === 'open') {
    return t(alert.escalations > 0 ? 'why.escalatedTo' : 'why.heldBy', { level, unit: nameOf(alert.path?.[alert.level]) });
  }
  if (alert.status === 'acknowledged') {
    return t('why.acknowledged', { time: formatWhen(alert.acked_at) });
  }
  return hasMessage(`status.${alert.status}`) ? t(`status.${alert.status}`) : alert.status;
}
