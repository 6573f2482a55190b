import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureProblem } from '../../api/signature.js';
import { signature as signBody } from '../../notify/sign.js';

const SECRET = 'unit-test-secret-abcdef';
const BODY = Buffer.from('{"id":"1","text":"héllo"}');
const NOW = 1_795_168_800;

describe('webhook signatures', () => {
  it('signs <timestamp>.<raw body> with HMAC-SHA256, hex', () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW}.`).update(BODY).digest('hex');
    expect(signBody(SECRET, String(NOW), BODY)).toBe(`sha256=${expected}`);
  });

  it('accepts its own signature within the skew, either side of now', () => {
    for (const at of [NOW, NOW - 300, NOW + 300]) {
      const request = {
        timestamp: String(at),
        signature: signBody(SECRET, String(at), BODY),
        body: BODY,
      };
      expect(signatureProblem(SECRET, request, 300, NOW)).toBeNull();
    }
  });

  it('names what is wrong: missing headers, bad timestamp, skew, mismatch', () => {
    const signature = signBody(SECRET, String(NOW), BODY);
    expect(
      signatureProblem(SECRET, { timestamp: undefined, signature, body: BODY }, 300, NOW),
    ).toMatch(/required/);
    expect(
      signatureProblem(SECRET, { timestamp: '12.5', signature, body: BODY }, 300, NOW),
    ).toMatch(/unix seconds/);
    const late = String(NOW - 301);
    expect(
      signatureProblem(
        SECRET,
        { timestamp: late, signature: signBody(SECRET, late, BODY), body: BODY },
        300,
        NOW,
      ),
    ).toMatch(/more than 300 s/);
    const other = Buffer.from('{"id":"2","text":"héllo"}');
    expect(
      signatureProblem(SECRET, { timestamp: String(NOW), signature, body: other }, 300, NOW),
    ).toMatch(/does not match/);
    expect(
      signatureProblem(
        SECRET,
        { timestamp: String(NOW), signature: 'sha256=00', body: BODY },
        300,
        NOW,
      ),
    ).toMatch(/not sha256=<64 hex digits>/);
  });
});
