import { describe, expect, it } from 'vitest';
import { encryptPushPayload, fromBase64Url, p256Coordinates, toBase64Url } from './web-push-encryption';
import { vapidAuthorization } from './vapid';

// RFC 8291 Appendix A: fixed keys and salt, so the message must match byte for byte.
const RFC8291 = {
  plaintext: 'When I grow up, I want to be a watermelon',
  asPrivate: 'yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw',
  asPublic: 'BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8',
  uaPrivate: 'q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94',
  uaPublic: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  authSecret: 'BTBZMqHH6r4Tts7J_aSIgg',
  salt: 'DGv6ra1nlYgDCS1FRnbzlw',
  body:
    'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
};

/** The browser's half (RFC 8291 §3.4 / RFC 8188), written independently with WebCrypto's HKDF. */
async function decrypt(body: Uint8Array<ArrayBuffer>, uaPrivate: string, uaPublic: string, authSecret: string): Promise<string> {
  const salt = body.slice(0, 16);
  const idlen = body[20] as number;
  const senderPublic = body.slice(21, 21 + idlen);
  const ciphertext = body.slice(21 + idlen);
  const receiver = await crypto.subtle.importKey(
    'jwk',
    { kty: 'EC', crv: 'P-256', d: uaPrivate, ...p256Coordinates(fromBase64Url(uaPublic)) },
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    ['deriveBits'],
  );
  const sender = await crypto.subtle.importKey('raw', senderPublic, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: sender } as unknown as SubtleCryptoDeriveKeyAlgorithm, receiver, 256);
  const expand = async (ikm: ArrayBuffer, salt: Uint8Array<ArrayBuffer>, info: Uint8Array<ArrayBuffer>, bits: number) =>
    crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']), bits);
  const label = (text: string, ...parts: Uint8Array[]) => new Uint8Array(Buffer.concat([Buffer.from(text, 'latin1'), ...parts]));
  const ikm = await expand(shared, fromBase64Url(authSecret), label('WebPush: info\0', fromBase64Url(uaPublic), senderPublic), 256);
  const cek = await expand(ikm, salt, label('Content-Encoding: aes128gcm\0'), 128);
  const nonce = new Uint8Array(await expand(ikm, salt, label('Content-Encoding: nonce\0'), 96));
  const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt']);
  const padded = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce }, key, ciphertext));
  expect(padded.at(-1)).toBe(2);
  return new TextDecoder().decode(padded.slice(0, -1));
}

describe('web push payload encryption (RFC 8291)', () => {
  it("reproduces the RFC's Appendix A message byte for byte", async () => {
    const body = await encryptPushPayload(
      new TextEncoder().encode(RFC8291.plaintext),
      { p256dh: RFC8291.uaPublic, auth: RFC8291.authSecret },
      { senderPrivate: RFC8291.asPrivate, senderPublic: RFC8291.asPublic, salt: RFC8291.salt },
    );
    expect(toBase64Url(body)).toBe(RFC8291.body);
  });

  it('encrypts with a fresh key and salt each time, and the browser side can read it', async () => {
    const keys = { p256dh: RFC8291.uaPublic, auth: RFC8291.authSecret };
    const text = 'Новый ответ в заявке #42 🙂';
    const first = await encryptPushPayload(new TextEncoder().encode(text), keys);
    const second = await encryptPushPayload(new TextEncoder().encode(text), keys);
    expect(toBase64Url(first)).not.toBe(toBase64Url(second));
    expect(await decrypt(first, RFC8291.uaPrivate, RFC8291.uaPublic, RFC8291.authSecret)).toBe(text);
  });
});

describe('VAPID (RFC 8292)', () => {
  it('signs an ES256 JWT for the endpoint origin that verifies with the public key it names', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const publicKey = toBase64Url((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
    const { d } = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey;
    const header = await vapidAuthorization('https://push.example.net/send/abc?x=1', { publicKey, privateKey: d as string, subject: 'mailto:ops@x.test' }, 1_800_000_000);

    const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(header);
    expect(match).not.toBeNull();
    const [, head, claims, signature, k] = match as unknown as string[];
    expect(k).toBe(publicKey);
    expect(JSON.parse(Buffer.from(head as string, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'ES256' });
    expect(JSON.parse(Buffer.from(claims as string, 'base64url').toString())).toEqual({ aud: 'https://push.example.net', exp: 1_800_000_000 + 43_200, sub: 'mailto:ops@x.test' });
    const verified = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      pair.publicKey,
      fromBase64Url(signature as string),
      new TextEncoder().encode(`${head}.${claims}`),
    );
    expect(verified).toBe(true);
  });
});
