import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Earshot-Timestamp';
export const SIGNATURE_HEADER = 'X-Earshot-Signature';

/**
 * `sha256=<hex>` of HMAC-SHA256 with the secret over `timestamp + "." + body`: the one signature
 * scheme, of the notifications Earshot sends and of the webhook posts it receives.
 */
export function signature(secret: string, timestamp: string, body: Buffer | string): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(
  secret: string,
  timestamp: string,
  body: Buffer | string,
  header: string,
): boolean {
  const expected = Buffer.from(signature(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
