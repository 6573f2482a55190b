import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Earshot-Timestamp';
export const SIGNATURE_HEADER = 'X-Earshot-Signature';

/** `sha256=<hex>` of HMAC-SHA256 with the channel's secret over `timestamp + "." + body`. */
export function signature(secret: string, timestamp: string, body: string): string {
  const hex = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `sha256=${hex}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifySignature(
  secret: string,
  timestamp: string,
  body: string,
  header: string,
): boolean {
  const expected = Buffer.from(signature(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
