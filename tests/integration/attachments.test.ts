import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLogs } from '../../worker/db/tenant/audit';
import { DEFAULT_ATTACHMENT_QUOTA_BYTES, MAX_ATTACHMENT_BYTES } from '../../worker/attachments/attachment-quota';
import { addUser, problem, tenantCall } from './harness';
import {
  attachmentAudit,
  attachmentRows,
  commentOn,
  fileDesk,
  PDF,
  PNG,
  storedKeys,
  upload,
  uploaded,
  type AttachmentJson,
  type FileDesk,
} from './attachment-fixtures';

const ticketFiles = (desk: FileDesk) => `/api/v1/tickets/${desk.ticketId}/attachments`;


describe('uploading and downloading attachments', () => {
  it('stores a screenshot an agent attaches and streams the same bytes back to the customer', async () => {
    const desk = await fileDesk();
    const file = await uploaded(upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.agent.token, filename: 'printer.png' }));
    expect(file).toMatchObject({ ticket_id: desk.ticketId, comment_id: null, public: true, filename: 'printer.png', content_type: 'image/png', size_bytes: PNG.byteLength });

    const download = await tenantCall(desk.tenant, 'GET', file.download_url, { token: desk.customer.token });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="printer.png"; filename*=UTF-8''printer.png`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);

    const [key] = await storedKeys(desk.tenant);
    expect(key).toMatch(new RegExp(`^t/${desk.tenant.id}/[0-9a-f-]{36}$`));
    const [audit] = await attachmentAudit(desk.tenant);
    expect(audit).toMatchObject({ action: 'attachment.create', actorId: desk.agent.id, targetId: String(file.id) });
    expect(audit?.after).toMatchObject({ ticket_id: desk.ticketId, filename: 'printer.png', size_bytes: PNG.byteLength });
  });

  it('sanitises the filename and sends it back RFC 5987-encoded', async () => {
    const desk = await fileDesk();
    const file = await uploaded(
      upload(desk.tenant, ticketFiles(desk), PDF, {
        token: desk.customer.token,
        contentType: 'application/pdf',
        filename: '../../etc/Счёт №1\u202Egpj.exe',
      }),
    );
    expect(file.filename).toBe('Счёт №1_gpj.exe.pdf');
    const download = await tenantCall(desk.tenant, 'GET', file.download_url, { token: desk.customer.token });
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="____ _1_gpj.exe.pdf"; filename*=UTF-8''${encodeURIComponent('Счёт №1_gpj.exe.pdf')}`,
    );
  });

  it('refuses a file that would take the tenant over the quota an admin set, counting only live files', async () => {
    const desk = await fileDesk();
    const admin = await addUser(desk.tenant, 'admin');
    const settings = (body?: unknown) =>
      tenantCall(desk.tenant, body === undefined ? 'GET' : 'PATCH', '/api/v1/settings/attachments', { token: admin.token, body });
    expect(await (await settings()).json()).toEqual({ quota_bytes: DEFAULT_ATTACHMENT_QUOTA_BYTES, quota_is_default: true, used_bytes: 0, max_file_bytes: MAX_ATTACHMENT_BYTES });
    expect((await settings({ quota_bytes: PNG.byteLength * 2 })).status).toBe(200);
    const first = await uploaded(upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.agent.token }));
    await uploaded(upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.agent.token }));
    expect(await (await settings()).json()).toMatchObject({ quota_bytes: PNG.byteLength * 2, quota_is_default: false, used_bytes: PNG.byteLength * 2 });

    const over = await upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.agent.token });
    expect(over.status).toBe(507);
    expect((await problem(over)).detail).toMatch(/storage for files is full/);
    expect(await storedKeys(desk.tenant)).toHaveLength(2);
    expect(await attachmentRows(desk.tenant)).toHaveLength(2);

    expect((await tenantCall(desk.tenant, 'DELETE', `/api/v1/attachments/${first.id}`, { token: desk.agent.token })).status).toBe(204);
    await uploaded(upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.agent.token }));
    expect((await upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.agent.token })).status).toBe(507);

    expect((await settings({ quota_bytes: null })).status).toBe(200);
    await uploaded(upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.agent.token }));
    const quotaAudit = await desk.tenant.db.select().from(auditLogs).where(eq(auditLogs.action, 'settings.attachment_quota_update')).orderBy(auditLogs.id);
    expect(quotaAudit.map((a) => [a.actorId, a.before, a.after])).toEqual([
      [admin.id, { quota_bytes: null }, { quota_bytes: PNG.byteLength * 2 }],
      [admin.id, { quota_bytes: PNG.byteLength * 2 }, { quota_bytes: null }],
    ]);
    const bad = await settings({ quota_bytes: -1 });
    expect(bad.status).toBe(422);
    expect((await problem(bad)).errors?.[0]?.field).toBe('quota_bytes');
    expect((await tenantCall(desk.tenant, 'PATCH', '/api/v1/settings/attachments', { token: desk.agent.token, body: { quota_bytes: 1 } })).status).toBe(403);
  });

  it('accepts text, CSV, JSON and ZIP files whose bytes bear their type out', async () => {
    const desk = await fileDesk();
    const files: [string, string, Uint8Array][] = [
      ['text/plain', 'server.log', new TextEncoder().encode('2026-11-28 ERROR принтер не печатает\n')],
      ['text/csv', 'orders.csv', new TextEncoder().encode('id,total\n1,9.99\n')],
      ['application/json', 'config.json', new TextEncoder().encode('{"printer": "offline"}')],
      ['application/zip', 'logs.zip', Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])],
    ];
    for (const [contentType, filename, bytes] of files) {
      const file = await uploaded(upload(desk.tenant, ticketFiles(desk), bytes, { token: desk.customer.token, contentType, filename }));
      expect(file).toMatchObject({ content_type: contentType, filename });
      const download = await tenantCall(desk.tenant, 'GET', file.download_url, { token: desk.agent.token });
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    }
  });

  it('puts uploaded files on a new comment, and an internal note keeps its files from the customer', async () => {
    const desk = await fileDesk();
    const forReply = await uploaded(upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.agent.token }));
    const forNote = await uploaded(upload(desk.tenant, ticketFiles(desk), PDF, { token: desk.agent.token, contentType: 'application/pdf', filename: 'invoice.pdf', query: 'public=false' }));
    const replyId = await commentOn(desk.tenant, desk.agent, desk.ticketId, { body: 'Here is the fix.', public: true, attachment_ids: [forReply.id] });
    const noteId = await commentOn(desk.tenant, desk.agent, desk.ticketId, { body: 'Internal: invoice.', public: false, attachment_ids: [forNote.id] });

    const asAgent = (await (await tenantCall(desk.tenant, 'GET', ticketFiles(desk), { token: desk.agent.token })).json()) as { items: AttachmentJson[] };
    expect(asAgent.items.map((f) => [f.id, f.comment_id, f.public])).toEqual([
      [forReply.id, replyId, true],
      [forNote.id, noteId, false],
    ]);
    const asCustomer = (await (await tenantCall(desk.tenant, 'GET', ticketFiles(desk), { token: desk.customer.token })).json()) as { items: AttachmentJson[] };
    expect(asCustomer.items.map((f) => f.id)).toEqual([forReply.id]);
    expect((await tenantCall(desk.tenant, 'GET', `/api/v1/attachments/${forNote.id}/content`, { token: desk.customer.token })).status).toBe(404);

    const attached = (await attachmentAudit(desk.tenant)).filter((a) => a.action === 'attachment.attach');
    expect(attached.map((a) => [a.targetId, a.after])).toEqual([
      [String(forNote.id), { comment_id: noteId, public: false }],
      [String(forReply.id), { comment_id: replyId, public: true }],
    ]);
  });

  it("refuses attachment_ids naming someone else's file or one already on a comment, adding no comment", async () => {
    const desk = await fileDesk();
    const agents = await uploaded(upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.agent.token }));
    const mine = await uploaded(upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.customer.token }));
    await commentOn(desk.tenant, desk.customer, desk.ticketId, { body: 'Photo attached.', public: true, attachment_ids: [mine.id] });
    for (const ids of [[agents.id], [mine.id], [999_999]]) {
      const response = await tenantCall(desk.tenant, 'POST', `/api/v1/tickets/${desk.ticketId}/comments`, {
        token: desk.customer.token,
        body: { body: 'Again', public: true, attachment_ids: ids },
      });
      expect(response.status).toBe(422);
      expect((await problem(response)).errors?.[0]?.field).toBe('attachment_ids');
    }
    const comments = (await (await tenantCall(desk.tenant, 'GET', `/api/v1/tickets/${desk.ticketId}/comments`, { token: desk.agent.token })).json()) as { items: unknown[] };
    expect(comments.items).toHaveLength(1);
  });

  it('uploads to a comment: the file takes the comment\'s visibility, and customers reach only their own replies', async () => {
    const desk = await fileDesk();
    const noteId = await commentOn(desk.tenant, desk.agent, desk.ticketId, { body: 'Internal', public: false });
    const agentReplyId = await commentOn(desk.tenant, desk.agent, desk.ticketId, { body: 'Public', public: true });
    const ownReplyId = await commentOn(desk.tenant, desk.customer, desk.ticketId, { body: 'Mine', public: true });
    const onNote = await uploaded(upload(desk.tenant, `/api/v1/tickets/${desk.ticketId}/comments/${noteId}/attachments`, PNG, { token: desk.agent.token }));
    expect(onNote).toMatchObject({ comment_id: noteId, public: false });
    const onOwn = await uploaded(upload(desk.tenant, `/api/v1/tickets/${desk.ticketId}/comments/${ownReplyId}/attachments`, PNG, { token: desk.customer.token }));
    expect(onOwn).toMatchObject({ comment_id: ownReplyId, public: true });

    expect((await upload(desk.tenant, `/api/v1/tickets/${desk.ticketId}/comments/${noteId}/attachments`, PNG, { token: desk.customer.token })).status).toBe(404);
    expect((await upload(desk.tenant, `/api/v1/tickets/${desk.ticketId}/comments/${agentReplyId}/attachments`, PNG, { token: desk.customer.token })).status).toBe(403);
    expect((await upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.customer.token, query: 'public=false' })).status).toBe(403);
    expect(await storedKeys(desk.tenant)).toHaveLength(2);
  });
});
