import { fromBase64Url, p256Coordinates, toBase64Url } from './web-push-encryption';

// VAPID (RFC 8292): the push service learns which application server sends, by
// an ES256 JWT over the endpoint's origin, signed with the server's key pair.

export interface VapidKeys {
  /** Uncompressed P-256 public key, base64url (what browsers get as `applicationServerKey`). */
  publicKey: string;
  /** The private scalar `d`, base64url. */
  privateKey: string;
  /** `mailto:` or `https:` contact of the operator. */
  subject: string;
}

const json64 = (value: unknown): string => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));

/** The `Authorization` header value for a push to `endpoint`: `vapid t=<jwt>, k=<public key>`. */
export async function vapidAuthorization(endpoint: string, keys: VapidKeys, nowSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  const jwk = { kty: 'EC', crv: 'P-256', d: keys.privateKey, ...p256Coordinates(fromBase64Url(keys.publicKey)) };
  const signingKey = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  // 12 hours: well inside the 24-hour maximum push services accept.
  const claims = { aud: new URL(endpoint).origin, exp: nowSeconds + 12 * 60 * 60, sub: keys.subject };
  const unsigned = `${json64({ typ: 'JWT', alg: 'ES256' })}.${json64(claims)}`;
  // WebCrypto's ECDSA signature is r || s (IEEE P1363), exactly the JWS ES256 form.
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signingKey, new TextEncoder().encode(unsigned));
  return `vapid t=${unsigned}.${toBase64Url(signature)}, k=${keys.publicKey}`;
}
