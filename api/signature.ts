import { verifySignature } from '../notify/sign.js';

export interface SignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
}

/**
 * Why a webhook request is not authentic, or null when it is: HMAC-SHA256 over
 * `<timestamp>.<raw body>`, compared in constant time, with the timestamp within `maxSkewS` of now
 * so that a captured request cannot be replayed later.
 */
export function signatureProblem(
  secret: string,
  request: SignedRequest,
  maxSkewS: number,
  nowS = Date.now() / 1000,
): string | null {
  const headers = signedHeadersProblem(request, maxSkewS, nowS);
  if (headers) {
    return headers;
  }
  const given = (request.signature ?? '').trim();
  if (!verifySignature(secret, request.timestamp ?? '', request.body, given)) {
    return 'X-Earshot-Signature: does not match the body';
  }
  return null;
}

/**
 * What is wrong with the signature headers alone, or null: checked before the body is read, so an
 * unsigned, stale or malformed request costs no body read and no HMAC.
 */
export function signedHeadersProblem(
  request: Omit<SignedRequest, 'body'>,
  maxSkewS: number,
  nowS = Date.now() / 1000,
): string | null {
  if (!request.timestamp || !request.signature) {
    return 'X-Earshot-Timestamp and X-Earshot-Signature are required';
  }
  if (!/^\d{1,12}$/.test(request.timestamp)) {
    return 'X-Earshot-Timestamp: not unix seconds';
  }
  if (Math.abs(nowS - Number(request.timestamp)) > maxSkewS) {
    return `X-Earshot-Timestamp: more than ${maxSkewS} s from the server's clock`;
  }
  if (!/^sha256=[0-9a-f]{64}$/.test(request.signature.trim())) {
    return 'X-Earshot-Signature: not sha256=<64 hex digits>';
  }
  return null;
}
