// Webhook signatures: `X-WorkerNet-Signature: t=<unix seconds>,v1=<hex>` where
// v1 = HMAC-SHA256(endpoint secret, `${t}.${body}`). Signing the timestamp with
// the body lets receivers refuse replays older than a few minutes.

export const SIGNATURE_HEADER = 'X-WorkerNet-Signature';

export async function webhookSignature(secret: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${body}`));
  return `t=${timestamp},v1=${Buffer.from(mac).toString('hex')}`;
}
