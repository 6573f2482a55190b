import { z } from 'zod';

/**
 * Every weight and threshold of the alert scores, by the environment variable that sets its
 * default (config/alerting.ts reads them). A watch may override any of them
 * (`watch.alerting.settings`, by key). docs/alerts.md documents the same names, defaults and formulas.
 */
export interface Setting {
  env: string;
  default: number;
  min: number;
  max: number;
  int?: boolean;
}

export const ALERT_SETTINGS = {
  // disgruntled_customer
  repeatWindowHours: { env: 'FLAG_WINDOW_HOURS', default: 24, min: 1, max: 24 * 30, int: true },
  negativityWeight: { env: 'FLAG_NEGATIVITY_WEIGHT', default: 4, min: 0, max: 20 },
  complaintPoints: { env: 'FLAG_COMPLAINT_POINTS', default: 0.5, min: 0, max: 10 },
  churnPoints: { env: 'FLAG_CHURN_POINTS', default: 2, min: 0, max: 10 },
  repeatPoints: { env: 'FLAG_REPEAT_POINTS', default: 2, min: 0, max: 10 },
  repeatMax: { env: 'FLAG_REPEAT_MAX', default: 3, min: 0, max: 50, int: true },
  reachFrom: { env: 'FLAG_REACH_FROM', default: 100, min: 1, max: 1e9 },
  reachPoints: { env: 'FLAG_REACH_POINTS', default: 3, min: 0, max: 10 },
  engagementPoints: { env: 'FLAG_ENGAGEMENT_POINTS', default: 1, min: 0, max: 10 },
  escalationWeight: { env: 'FLAG_ESCALATION_WEIGHT', default: 3, min: 0, max: 20 },
  escalationPoints: { env: 'FLAG_ESCALATION_POINTS', default: 1.5, min: 0, max: 10 },
  unansweredPointsPerDay: { env: 'FLAG_UNANSWERED_POINTS_PER_DAY', default: 0.5, min: 0, max: 10 },
  unansweredPoints: { env: 'FLAG_UNANSWERED_POINTS', default: 2, min: 0, max: 10 },
  severityLow: { env: 'FLAG_SEVERITY_LOW', default: 3.5, min: 0, max: 100 },
  severityMedium: { env: 'FLAG_SEVERITY_MEDIUM', default: 5, min: 0, max: 100 },
  severityHigh: { env: 'FLAG_SEVERITY_HIGH', default: 6.5, min: 0, max: 100 },
  severityCritical: { env: 'FLAG_SEVERITY_CRITICAL', default: 8.5, min: 0, max: 100 },
  // emerging_advocate
  advocateMinPositive: { env: 'ADVOCATE_MIN_POSITIVE', default: 3, min: 1, max: 100, int: true },
  advocateMinDays: { env: 'ADVOCATE_MIN_DAYS', default: 2, min: 1, max: 365, int: true },
  advocateMinScore: { env: 'ADVOCATE_MIN_SCORE', default: 8, min: 0, max: 1e6 },
  advocateRiseFactor: { env: 'ADVOCATE_RISE_FACTOR', default: 2, min: 1.01, max: 100 },
  advocateRecommendPoints: { env: 'ADVOCATE_RECOMMEND_POINTS', default: 2, min: 0, max: 20 },
  advocateDayPoints: { env: 'ADVOCATE_DAY_POINTS', default: 1, min: 0, max: 20 },
  advocateNegativePoints: { env: 'ADVOCATE_NEGATIVE_POINTS', default: 2, min: 0, max: 20 },
  advocateTrendPoints: { env: 'ADVOCATE_TREND_POINTS', default: 2, min: 0, max: 20 },
  // negative_spike
  spikeAlpha: { env: 'SPIKE_ALPHA', default: 0.1, min: 0.001, max: 1 },
  spikeZ: { env: 'SPIKE_Z', default: 3, min: 0.5, max: 50 },
  spikeMinCount: { env: 'SPIKE_MIN_COUNT', default: 5, min: 1, max: 1e6, int: true },
  spikeBaselineHours: {
    env: 'SPIKE_BASELINE_HOURS',
    default: 168,
    min: 6,
    max: 24 * 90,
    int: true,
  },
  spikeMinBaselineHours: {
    env: 'SPIKE_MIN_BASELINE_HOURS',
    default: 24,
    min: 0,
    max: 24 * 90,
    int: true,
  },
  // lifecycle
  cooldownHours: { env: 'ALERT_COOLDOWN_HOURS', default: 24, min: 0, max: 24 * 365 },
} as const satisfies Record<string, Setting>;

export type AlertSettingKey = keyof typeof ALERT_SETTINGS;
export type AlertSettings = Record<AlertSettingKey, number>;

export const ALERT_SETTING_KEYS = Object.keys(ALERT_SETTINGS) as AlertSettingKey[];
const KEYS = ALERT_SETTING_KEYS;

function numberSchema(setting: Setting): z.ZodNumber {
  const ranged = z.number().min(setting.min).max(setting.max);
  return setting.int ? ranged.int() : ranged;
}

/** Per-watch overrides: any subset of the settings, by key, each in the same range. */
export const AlertSettingsOverride = z
  .object(
    Object.fromEntries(
      KEYS.map((key) => [key, numberSchema(ALERT_SETTINGS[key]).optional()]),
    ) as Record<AlertSettingKey, z.ZodOptional<z.ZodNumber>>,
  )
  .strict();
export type AlertSettingsOverride = z.infer<typeof AlertSettingsOverride>;

/** The watch's overrides on top of the defaults. */
export function withOverrides(
  defaults: AlertSettings,
  override: AlertSettingsOverride | undefined,
): AlertSettings {
  if (!override) {
    return defaults;
  }
  const merged = { ...defaults };
  for (const key of KEYS) {
    const value = override[key];
    if (value !== undefined) {
      merged[key] = value;
    }
  }
  return merged;
}
