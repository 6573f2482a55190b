import type { Alert } from '../domain/alert.js';
import type { NotifyJob } from '../jobs/catalogue.js';
import { escapeMrkdwn, slackLink } from './slack-text.js';

const TITLES: Record<Alert['type'], string> = {
  disgruntled_customer: 'Disgruntled customer',
  emerging_advocate: 'Emerging advocate',
  negative_spike: 'Negative spike',
};

function subject(alert: Alert): string {
  return alert.authorHandle ? `@${alert.authorHandle}` : `watch ${alert.watchId}`;
}

/** The generic webhook's JSON body: the event and the alert with its explanation. */
export function webhookBody(alert: Alert, event: NotifyJob['event']): string {
  return JSON.stringify({
    event: event === 'new' ? 'alert.new' : 'alert.escalated',
    alert: {
      id: alert.id,
      type: alert.type,
      severity: alert.severity,
      status: alert.status,
      watchId: alert.watchId,
      source: alert.source,
      authorId: alert.authorId,
      authorHandle: alert.authorHandle,
      reason: alert.reason,
      score: alert.score,
      factors: alert.factors,
      evidence: alert.evidence.slice(-3),
      evidenceCount: alert.evidenceCount,
      createdAt: alert.createdAt,
    },
  });
}

/**
 * A mrkdwn text object Slack shows as written: without `verbatim`, Slack "automatically parses"
 * plain text, turning channel names into links and some mentions into pings, and a stranger's
 * handle `channel` is shown as `@channel`.
 */
function mrkdwn(text: string) {
  return { type: 'mrkdwn', text, verbatim: true };
}

/**
 * A Slack incoming-webhook message: a fallback `text` and blocks with the evidence. Every value is
 * escaped (a handle or excerpt is a stranger's text), Slack is told not to parse names in plain
 * text, and evidence links are shown as their own address, never under a label, and not unfurled.
 */
export function slackMessage(alert: Alert, event: NotifyJob['event']): string {
  const head = escapeMrkdwn(
    `${event === 'escalated' ? 'Escalated to' : 'New'} ${alert.severity}: ${TITLES[alert.type]} — ${subject(alert)} (${alert.watchId})`,
  );
  const evidence = alert.evidence
    .slice(-3)
    .map((e) => {
      const link = e.url ? slackLink(e.url) : null;
      return `• ${escapeMrkdwn(e.excerpt.slice(0, 140))}${link ? ` ${link}` : ''}`;
    })
    .join('\n');
  return JSON.stringify({
    text: head,
    // The fallback text too: no name in it is looked up and linked (`@channel`, `#general`).
    parse: 'none',
    link_names: false,
    unfurl_links: false,
    unfurl_media: false,
    blocks: [
      { type: 'section', text: mrkdwn(`*${head}*\n${escapeMrkdwn(alert.reason)}`) },
      ...(evidence ? [{ type: 'section', text: mrkdwn(evidence) }] : []),
    ],
  });
}
