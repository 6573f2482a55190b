import { execFileSync } from 'node:child_process';

/**
 * Makes sure the local Redis and MongoDB-compatible store are up (scripts/services.sh, the same
 * script the demo uses) unless REDIS_URL and MONGODB_URL point elsewhere already.
 */
export default function setup(): void {
  if (process.env.REDIS_URL && process.env.MONGODB_URL) {
    return;
  }
  const exports = execFileSync('bash', ['scripts/services.sh', 'up'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const line of exports.split('\n')) {
    const match = /^export (\w+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) {
      process.env[match[1]] = match[2];
    }
  }
}
