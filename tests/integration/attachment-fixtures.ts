import { env } from 'cloudflare:test';
import { desc, like } from 'drizzle-orm';
import { expect } from 'vitest';
import { attachments } from '../../worker/db/tenant/attachments';
import { auditLogs } from '../../worker/db/tenant/audit';
import { kbArticles } from '../../worker/db/tenant/kb';
import { ticketComments } from '../../worker/db/tenant/tickets';
import { storeAttachment } from '../../worker/attachments/store-attachment';
import { addUser, createTenant, tenantCall, type TestTenant, type TestUser } from './harness';

// Files for the attachment tests: real magic bytes, and an upload call that
// sends the file as the raw body with its Content-Length, as a browser does.

/** A 1×1 PNG. */
export const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='),
  (ch) => ch.charCodeAt(0),
);

export const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

export interface UploadOptions {
  token?: string;
  filename?: string;
  contentType?: string;
  /** Overrides the Content-Length header (a lying client); omit the header with `null`. */
  contentLength?: string | null;
  query?: string;
}

/** POSTs `bytes` as the raw body to an upload path. */
export function upload(tenant: TestTenant, path: string, bytes: Uint8Array | ReadableStream<Uint8Array>, options: UploadOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'image/png' };
  const length = options.contentLength === undefined ? (bytes instanceof Uint8Array ? String(bytes.byteLength) : null) : options.contentLength;
  if (length !== null) headers['content-length'] = length;
  const query = `filename=${encodeURIComponent(options.filename ?? 'screenshot.png')}${options.query ? `&${options.query}` : ''}`;
  return tenantCall(tenant, 'POST', `${path}?${query}`, { token: options.token, rawBody: bytes, headers });
}

export interface AttachmentJson {
  id: number;
  ticket_id: number | null;
  comment_id: number | null;
  article_id: number | null;
  public: boolean;
  filename: string;
  content_type: string;
  size_bytes: number;
  download_url: string;
}

/** Uploads and expects 201. */
export async function uploaded(response: Promise<Response>): Promise<AttachmentJson> {
  const answer = await response;
  expect(answer.status, await answer.clone().text()).toBe(201);
  return (await answer.json()) as AttachmentJson;
}

export interface FileDesk {
  tenant: TestTenant;
  agent: TestUser;
  customer: TestUser;
  /** A ticket `customer` requested. */
  ticketId: number;
}

/** A tenant with an agent, a customer and the customer's ticket. */
export async function fileDesk(prefix = 'files'): Promise<FileDesk> {
  const tenant = await createTenant(prefix);
  const agent = await addUser(tenant, 'agent');
  const customer = await addUser(tenant, 'customer');
  return { tenant, agent, customer, ticketId: await openTicketAs(tenant, customer) };
}

export async function openTicketAs(tenant: TestTenant, requester: TestUser): Promise<number> {
  const response = await tenantCall(tenant, 'POST', '/api/v1/tickets', {
    token: requester.token,
    body: { subject: 'The printer is jammed', description: 'See the photo.' },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** Adds a comment and returns its id. */
export async function commentOn(tenant: TestTenant, user: TestUser, ticketId: number, body: Record<string, unknown>): Promise<number> {
  const response = await tenantCall(tenant, 'POST', `/api/v1/tickets/${ticketId}/comments`, { token: user.token, body });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** Every R2 key stored under the tenant's prefix. */
export async function storedKeys(tenant: TestTenant): Promise<string[]> {
  const listed = await env.ATTACHMENTS.list({ prefix: `t/${tenant.id}/` });
  return listed.objects.map((o) => o.key);
}

/** Every attachment row of the tenant, deleted or not. */
export const attachmentRows = (tenant: TestTenant) => tenant.db.select().from(attachments).orderBy(attachments.id);

/** The tenant's attachment audit rows, newest first. */
export const attachmentAudit = (tenant: TestTenant) =>
  tenant.db.select().from(auditLogs).where(like(auditLogs.action, 'attachment.%')).orderBy(desc(auditLogs.id));

/** A stream of `total` bytes starting with `head`, made as it is read (never held whole). */
export function generatedStream(head: Uint8Array, total: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.close();
        return;
      }
      const size = Math.min(chunk, total - sent);
      const bytes = new Uint8Array(size);
      if (sent === 0) bytes.set(head.subarray(0, size));
      sent += size;
      controller.enqueue(bytes);
    },
  });
}

/** The attachment objects the endpoint catalogue names (see Targets). */
export interface AttachmentTargets {
  attachmentId: number;
  commentId: number;
  articleId: number;
  articleImageId: number;
}

/** Stores a PNG with the real store (no HTTP round trip: the catalogue's matrices build these for every call). */
async function storedPng(tenant: TestTenant, uploaderId: number, target: { ticketId?: number; articleId?: number }): Promise<number> {
  const actor = { actorId: uploaderId, actorType: 'user' as const, requestId: 'fixture', ip: null };
  const result = await storeAttachment(env, tenant.db, tenant, actor, { ...target, public: true, filename: 'fixture.png', contentType: 'image/png', body: PNG, uploaderId });
  if (!result.ok) throw new Error(`fixture upload refused: ${result.reason}`);
  return result.attachment.id;
}

/**
 * A file and a public comment of `uploader` on the ticket (so a customer
 * uploader must be its requester), and a published public article with an
 * image, written by `staff`.
 */
export async function attachmentTargets(tenant: TestTenant, uploader: TestUser, staff: TestUser, ticketId: number): Promise<AttachmentTargets> {
  const [[comment], [article]] = await tenant.db.batch([
    tenant.db
      .insert(ticketComments)
      .values({ ticketId, authorId: uploader.id, public: true, bodyText: 'With a file', bodyHtml: '<p>With a file</p>' })
      .returning({ id: ticketComments.id }),
    tenant.db
      .insert(kbArticles)
      .values({
        slug: `att-${crypto.randomUUID()}`,
        locale: 'en',
        translationGroup: crypto.randomUUID(),
        title: 'Illustrated',
        bodyMarkdown: 'See the picture.',
        bodyHtml: '<p>See the picture.</p>',
        status: 'published',
        visibility: 'public',
        authorId: staff.id,
      })
      .returning({ id: kbArticles.id }),
  ]);
  if (!comment || !article) throw new Error('fixture insert failed');
  return {
    attachmentId: await storedPng(tenant, uploader.id, { ticketId }),
    commentId: comment.id,
    articleId: article.id,
    articleImageId: await storedPng(tenant, staff.id, { articleId: article.id }),
  };
}

/** A PNG as a catalogue request body: the harness sends a Blob raw, with its type and size. */
export const pngUpload = (): Blob => new Blob([PNG], { type: 'image/png' });
