import { z } from 'zod';
import {
  ALERT_SETTING_KEYS as KEYS,
  ALERT_SETTINGS,
  type AlertSettings,
  type Setting,
} from '../domain/alert-settings.js';

function coercedSchema(setting: Setting) {
  const ranged = z.coerce.number().min(setting.min).max(setting.max);
  return setting.int ? ranged.int() : ranged;
}

/** The environment variables of the alert settings, each with its default. */
export const alertEnvShape = Object.fromEntries(
  KEYS.map((key) => {
    const setting: Setting = ALERT_SETTINGS[key];
    return [setting.env, coercedSchema(setting).default(setting.default)];
  }),
) as Record<string, z.ZodDefault<ReturnType<typeof coercedSchema>>>;

export function alertSettingsFromEnv(env: Record<string, unknown>): AlertSettings {
  return Object.fromEntries(
    KEYS.map((key) => [key, env[ALERT_SETTINGS[key].env] as number]),
  ) as AlertSettings;
}
