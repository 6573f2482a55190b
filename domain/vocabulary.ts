/**
 * The names the server and the web app share: sources, sentiment labels, intents, and alert types,
 * statuses and severities. This file imports nothing, so that the browser app bundles it as it is:
 * it is the one runtime import web/ may take from the server's code (.dependency-cruiser.cjs).
 */

export const SOURCE_NAMES = [
  'replay',
  'hackernews',
  'reddit',
  'mastodon',
  'bluesky',
  'rss',
  'appstore',
  'youtube',
  'x',
  'stackexchange',
  'webhook',
] as const;

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;

export const INTENTS = [
  'complaint',
  'churn_risk',
  'praise',
  'recommendation',
  'question',
  'purchase_intent',
] as const;

export const ALERT_TYPES = ['disgruntled_customer', 'emerging_advocate', 'negative_spike'] as const;

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'dismissed'] as const;

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
