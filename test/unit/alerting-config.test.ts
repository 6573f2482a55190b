import { describe, expect, it } from 'vitest';
import { ALERT_SETTINGS, withOverrides, type AlertSettings } from '../../domain/alert-settings.js';
import { loadConfig } from '../../config/index.js';
import { Watch } from '../../domain/watch.js';

const REQUIRED = { REDIS_URL: 'redis://localhost:6379', MONGODB_URL: 'mongodb://localhost:27017' };
const BASE = {
  id: 'acme',
  name: 'Acme',
  keywords: ['Acme'],
  sources: [{ type: 'hackernews' }],
  schedule: '*/5 * * * *',
};

describe('alert settings', () => {
  it('reads every setting from its variable, with the documented default', () => {
    const defaults = loadConfig(REQUIRED).flag;
    for (const [key, setting] of Object.entries(ALERT_SETTINGS)) {
      expect(defaults[key as keyof AlertSettings]).toBe(setting.default);
    }
    expect(loadConfig({ ...REQUIRED, SPIKE_Z: '4.5' }).flag.spikeZ).toBe(4.5);
  });

  it('lays a watch’s overrides over the defaults', () => {
    const defaults = loadConfig(REQUIRED).flag;
    const watch = Watch.parse({ ...BASE, alerting: { settings: { spikeZ: 5, repeatMax: 1 } } });
    const merged = withOverrides(defaults, watch.alerting?.settings);
    expect(merged).toEqual({ ...defaults, spikeZ: 5, repeatMax: 1 });
    expect(watch.alerting?.channels).toEqual([]);
  });

  it('rejects unknown or out-of-range settings and unsigned webhooks, naming the field', () => {
    const problems = (alerting: unknown) =>
      Watch.safeParse({ ...BASE, alerting }).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(problems({ settings: { spikeZZ: 5 } })).toEqual(['alerting.settings']);
    expect(problems({ settings: { spikeAlpha: 2 } })).toEqual(['alerting.settings.spikeAlpha']);
    expect(
      problems({ channels: [{ id: 'ops', type: 'webhook', url: 'https://hooks.example/x' }] }),
    ).toEqual(['alerting.channels.0.secret']);
    expect(
      problems({ channels: [{ id: 'ops', type: 'slack', url: 'ftp://hooks.example/x' }] }),
    ).toEqual(['alerting.channels.0.url']);
  });
});
