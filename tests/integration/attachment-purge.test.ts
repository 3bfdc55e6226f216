import { createScheduledController, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { PURGE_GRACE_MS } from '../../worker/attachments/attachment-quota';
import { tenantCall } from './harness';
import { attachmentAudit, attachmentRows, fileDesk, PNG, storedKeys, upload, uploaded } from './attachment-fixtures';

// Soft delete, then the hourly housekeeping trigger removes the bytes once the
// grace period is over: run through the worker's own `scheduled` entry.

const runHousekeeping = (scheduledTime: number) =>
  worker.scheduled(createScheduledController({ scheduledTime, cron: '17 * * * *' }), env);

describe('purging deleted attachments', () => {
  it('keeps a deleted file\u2019s bytes through the grace period, then removes the R2 object and the row', async () => {
    const desk = await fileDesk('purge');
    const files = `/api/v1/tickets/${desk.ticketId}/attachments`;
    const doomed = await uploaded(upload(desk.tenant, files, PNG, { token: desk.agent.token }));
    const kept = await uploaded(upload(desk.tenant, files, PNG, { token: desk.agent.token }));
    const [doomedRow] = (await attachmentRows(desk.tenant)).filter((r) => r.id === doomed.id);
    const deletedAt = Date.now();
    expect((await tenantCall(desk.tenant, 'DELETE', `/api/v1/attachments/${doomed.id}`, { token: desk.customer.token })).status).toBe(403);
    expect((await tenantCall(desk.tenant, 'DELETE', `/api/v1/attachments/${doomed.id}`, { token: desk.agent.token })).status).toBe(204);

    await runHousekeeping(deletedAt + PURGE_GRACE_MS - 60_000);
    expect(await storedKeys(desk.tenant)).toHaveLength(2);
    expect((await attachmentRows(desk.tenant)).find((r) => r.id === doomed.id)?.deletedBy).toBe(desk.agent.id);

    await runHousekeeping(deletedAt + PURGE_GRACE_MS + 60_000);
    const keys = await storedKeys(desk.tenant);
    expect(keys).toHaveLength(1);
    expect(keys).not.toContain(doomedRow?.r2Key);
    expect(await env.ATTACHMENTS.head(doomedRow?.r2Key ?? '')).toBeNull();
    expect((await attachmentRows(desk.tenant)).map((r) => r.id)).toEqual([kept.id]);
    const download = await tenantCall(desk.tenant, 'GET', kept.download_url, { token: desk.customer.token });
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);

    const actions = (await attachmentAudit(desk.tenant)).map((a) => [a.action, a.targetId, a.actorType]);
    expect(actions.slice(0, 2)).toEqual([
      ['attachment.purge', String(doomed.id), 'system'],
      ['attachment.delete', String(doomed.id), 'user'],
    ]);
  });
});
