import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { ConfigError } from '../../domain/errors.js';
import { addressRefusal, egressPolicy } from '../../domain/egress-policy.js';

const REQUIRED = { REDIS_URL: 'redis://localhost:6379', MONGODB_URL: 'mongodb://localhost:27017' };

describe('EGRESS_ALLOW', () => {
  it('takes host names, addresses and CIDR ranges, comma-separated', () => {
    const config = loadConfig({
      ...REQUIRED,
      EGRESS_ALLOW: ' feeds.intranet.example , 10.20.0.0/16,::1 ,192.168.1.7',
    });
    expect(config.egressAllow).toEqual([
      'feeds.intranet.example',
      '10.20.0.0/16',
      '::1',
      '192.168.1.7',
    ]);
    const policy = egressPolicy(config.egressAllow);
    expect(addressRefusal('10.20.3.4', policy)).toBeNull();
    expect(addressRefusal('10.21.0.1', policy)).toBe('private');
    expect(addressRefusal('::ffff:192.168.1.7', policy)).toBeNull();
    expect(addressRefusal('192.168.1.8', policy)).toBe('private');
  });

  it('is empty by default: only public addresses', () => {
    const policy = egressPolicy(loadConfig({ ...REQUIRED }).egressAllow);
    expect(addressRefusal('93.184.215.14', policy)).toBeNull();
    expect(addressRefusal('2606:4700::1111', policy)).toBeNull();
    expect(addressRefusal('127.0.0.1', policy)).toBe('loopback');
  });

  it('stops start-up naming the variable and the bad entry', () => {
    let error: unknown;
    try {
      loadConfig({ ...REQUIRED, EGRESS_ALLOW: '10.0.0.0/99,bad_host!' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^EGRESS_ALLOW: "10.0.0.0\/99" is not a CIDR range/);
    expect(problems[1]).toMatch(/^EGRESS_ALLOW: "bad_host!" is not a host name/);
  });
});
