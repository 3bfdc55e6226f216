import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../worker/attachments/attachment-quota';
import { addUser, problem, tenantCall } from './harness';
import { attachmentAudit, fileDesk, generatedStream, PDF, PNG, storedKeys, attachmentRows, upload, type FileDesk } from './attachment-fixtures';

// Uploads that are refused leave nothing behind: no R2 object, no row, no audit entry.

const ticketFiles = (desk: FileDesk) => `/api/v1/tickets/${desk.ticketId}/attachments`;

async function expectNothingStored(desk: FileDesk): Promise<void> {
  expect(await storedKeys(desk.tenant)).toEqual([]);
  expect(await attachmentRows(desk.tenant)).toEqual([]);
  expect(await attachmentAudit(desk.tenant)).toEqual([]);
}

describe('refused uploads', () => {
  it('refuses a file whose Content-Length is over the limit with 413, storing nothing', async () => {
    const desk = await fileDesk();
    const response = await upload(desk.tenant, ticketFiles(desk), generatedStream(PNG, 1024), {
      token: desk.agent.token,
      contentLength: String(MAX_ATTACHMENT_BYTES + 1),
    });
    expect(response.status).toBe(413);
    expect((await problem(response)).errors).toEqual([{ field: 'body', detail: `must be at most ${MAX_ATTACHMENT_BYTES} bytes` }]);
    await expectNothingStored(desk);
  });

  it('stops a body that streams past the limit with 413, storing nothing', async () => {
    const desk = await fileDesk();
    const response = await upload(desk.tenant, ticketFiles(desk), generatedStream(PNG, MAX_ATTACHMENT_BYTES + 100_000), {
      token: desk.agent.token,
      contentLength: String(MAX_ATTACHMENT_BYTES),
    });
    expect(response.status).toBe(413);
    await expectNothingStored(desk);
  });

  it('refuses a body longer than its Content-Length, and one without a Content-Length', async () => {
    const desk = await fileDesk();
    const longer = await upload(desk.tenant, ticketFiles(desk), generatedStream(PNG, 10_000), { token: desk.agent.token, contentLength: '5000' });
    expect(longer.status).toBe(400);
    expect((await problem(longer)).errors?.[0]?.field).toBe('Content-Length');
    const unknown = await upload(desk.tenant, ticketFiles(desk), generatedStream(PNG, 10_000), { token: desk.agent.token, contentLength: null });
    expect(unknown.status).toBe(411);
    await expectNothingStored(desk);
  });

  it('refuses a type outside the allowlist with 415 naming Content-Type', async () => {
    const desk = await fileDesk();
    const html = new TextEncoder().encode('<script>alert(1)</script>');
    for (const contentType of ['text/html', 'image/svg+xml', 'application/octet-stream']) {
      const response = await upload(desk.tenant, ticketFiles(desk), html, { token: desk.customer.token, contentType, filename: 'x.html' });
      expect(response.status, contentType).toBe(415);
      expect((await problem(response)).errors?.[0]?.field).toBe('Content-Type');
    }
    await expectNothingStored(desk);
  });

  it('refuses a file whose first bytes do not match its declared type with 422 naming the body', async () => {
    const desk = await fileDesk();
    const cases: [Uint8Array, string][] = [
      [PDF, 'image/png'],
      [PNG, 'application/pdf'],
      [PNG, 'text/plain'],
      [new TextEncoder().encode('MZ\u0090\u0000 not a zip'), 'application/zip'],
    ];
    for (const [bytes, contentType] of cases) {
      const response = await upload(desk.tenant, ticketFiles(desk), bytes, { token: desk.customer.token, contentType });
      expect(response.status, contentType).toBe(422);
      expect((await problem(response)).errors).toEqual([{ field: 'body', detail: 'does not match the Content-Type' }]);
    }
    await expectNothingStored(desk);
  });


  it('lets only as many racing uploads land as the quota holds, and leaves no bytes of the others', async () => {
    const desk = await fileDesk();
    const admin = await addUser(desk.tenant, 'admin');
    await tenantCall(desk.tenant, 'PATCH', '/api/v1/settings/attachments', { token: admin.token, body: { quota_bytes: PNG.byteLength * 2 } });
    const answers = await Promise.all([1, 2, 3, 4].map(() => upload(desk.tenant, ticketFiles(desk), PNG, { token: desk.agent.token })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 507, 507]);
    expect(await storedKeys(desk.tenant)).toHaveLength(2);
    expect(await attachmentRows(desk.tenant)).toHaveLength(2);
    expect((await attachmentAudit(desk.tenant)).filter((a) => a.action === 'attachment.create')).toHaveLength(2);
  });
});
