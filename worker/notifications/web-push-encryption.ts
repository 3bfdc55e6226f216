// Web push payload encryption (RFC 8291, "aes128gcm" of RFC 8188) with WebCrypto:
// the push service relays the body but cannot read it; only the browser holding
// the subscription's private key and auth secret can.

const encoder = new TextEncoder();
const utf8 = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(encoder.encode(text));

export const fromBase64Url = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text, 'base64url'));
export const toBase64Url = (bytes: Uint8Array | ArrayBuffer): string => Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes).toString('base64url');

function concat(...parts: Uint8Array<ArrayBufferLike>[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function hmacSha256(key: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const hmacKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, data));
}

/** HKDF with one output block (≤ 32 bytes), as RFC 8291 and RFC 8188 use it. */
async function hkdf(salt: Uint8Array<ArrayBuffer>, ikm: Uint8Array<ArrayBuffer>, info: Uint8Array<ArrayBuffer>, length: number) {
  const prk = await hmacSha256(salt, ikm);
  return (await hmacSha256(prk, concat(info, new Uint8Array([1])))).slice(0, length);
}

/** A P-256 public key (uncompressed point, 65 bytes) as the JWK coordinates WebCrypto imports. */
export function p256Coordinates(publicKey: Uint8Array): { x: string; y: string } {
  if (publicKey.length !== 65 || publicKey[0] !== 4) throw new Error('not an uncompressed P-256 public key');
  return { x: toBase64Url(publicKey.slice(1, 33)), y: toBase64Url(publicKey.slice(33, 65)) };
}

export interface PushKeys {
  /** The subscription's `keys.p256dh`, base64url. */
  p256dh: string;
  /** The subscription's `keys.auth`, base64url. */
  auth: string;
}

/** Fixed sender key and salt, for reproducing the RFC's example; fresh random ones otherwise. */
export interface EncryptionSeed {
  senderPrivate: string;
  senderPublic: string;
  salt: string;
}

/** Encrypts one push message into a single aes128gcm record (header with the sender's public key, then ciphertext). */
export async function encryptPushPayload(plaintext: Uint8Array, keys: PushKeys, seed?: EncryptionSeed): Promise<Uint8Array<ArrayBuffer>> {
  const uaPublic = fromBase64Url(keys.p256dh);
  const authSecret = fromBase64Url(keys.auth);
  const salt = seed ? fromBase64Url(seed.salt) : crypto.getRandomValues(new Uint8Array(16));
  let senderPrivate: CryptoKey;
  let senderPublic: Uint8Array<ArrayBuffer>;
  if (seed) {
    senderPublic = fromBase64Url(seed.senderPublic);
    const jwk = { kty: 'EC', crv: 'P-256', d: seed.senderPrivate, ...p256Coordinates(senderPublic) };
    senderPrivate = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
  } else {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
    senderPrivate = pair.privateKey;
    senderPublic = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer);
  }
  const receiver = await crypto.subtle.importKey('raw', uaPublic, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  // WebCrypto names the peer key `public`; workers-types spells it `$public` (a reserved word in its generator).
  const ecdh = { name: 'ECDH', public: receiver } as unknown as SubtleCryptoDeriveKeyAlgorithm;
  const ecdhSecret = new Uint8Array(await crypto.subtle.deriveBits(ecdh, senderPrivate, 256));

  // RFC 8291 §3.4: the auth secret and both public keys bind the key to this subscription.
  const keyInfo = concat(utf8('WebPush: info\0'), uaPublic, senderPublic);
  const ikm = await hkdf(authSecret, ecdhSecret, keyInfo, 32);
  const cek = await hkdf(salt, ikm, utf8('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(salt, ikm, utf8('Content-Encoding: nonce\0'), 12);

  // One record: the plaintext, then the 0x02 delimiter that marks the last record (no padding).
  const aesKey = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt']);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, aesKey, concat(plaintext, new Uint8Array([2]))));

  const header = new Uint8Array(16 + 4 + 1);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, 4096);
  header[20] = senderPublic.length;
  return concat(header, senderPublic, ciphertext);
}
