import { describe, expect, it } from 'vitest';
import { addUser, createTenant, tenantCall, type TestUser } from './harness';
import { commentOn, fileDesk, openTicketAs, PNG, upload, uploaded, type AttachmentJson } from './attachment-fixtures';

// Who may download which file. Anything a caller may not see answers 404, as
// if it did not exist; only a missing sign-in is 401.

/** A ticket's files of every kind, and everyone who might ask for them. */
async function filesWorld() {
  const desk = await fileDesk('acl');
  const { tenant, agent, customer, ticketId } = desk;
  const files = `/api/v1/tickets/${ticketId}/attachments`;
  const publicFile = await uploaded(upload(tenant, files, PNG, { token: agent.token, filename: 'public.png' }));
  const internalFile = await uploaded(upload(tenant, files, PNG, { token: agent.token, filename: 'internal.png', query: 'public=false' }));
  const noteId = await commentOn(tenant, agent, ticketId, { body: 'Internal note', public: false });
  const noteFile = await uploaded(upload(tenant, `/api/v1/tickets/${ticketId}/comments/${noteId}/attachments`, PNG, { token: agent.token }));
  const customerFile = await uploaded(upload(tenant, files, PNG, { token: customer.token, filename: 'mine.png' }));

  const otherCustomer = await addUser(tenant, 'customer');
  const othersTicket = await openTicketAs(tenant, otherCustomer);
  const othersFile = await uploaded(upload(tenant, `/api/v1/tickets/${othersTicket}/attachments`, PNG, { token: otherCustomer.token }));

  const elsewhere = await createTenant('acl-other');
  const outsiderAgent = await addUser(elsewhere, 'agent');
  return { ...desk, owner: await addUser(tenant, 'owner'), publicFile, internalFile, noteFile, customerFile, othersFile, otherCustomer, elsewhere, outsiderAgent };
}

describe('the download authorisation matrix', () => {
  it('lets staff read every file, a customer only the public files of their own tickets, and nobody else anything', async () => {
    const w = await filesWorld();
    const names = ['publicFile', 'internalFile', 'noteFile', 'customerFile', 'othersFile'] as const;
    const callers: [string, TestUser | null, Record<(typeof names)[number], number>][] = [
      ['agent', w.agent, { publicFile: 200, internalFile: 200, noteFile: 200, customerFile: 200, othersFile: 200 }],
      ['owner', w.owner, { publicFile: 200, internalFile: 200, noteFile: 200, customerFile: 200, othersFile: 200 }],
      ['the requester', w.customer, { publicFile: 200, internalFile: 404, noteFile: 404, customerFile: 200, othersFile: 404 }],
      ['another customer', w.otherCustomer, { publicFile: 404, internalFile: 404, noteFile: 404, customerFile: 404, othersFile: 200 }],
      ['anonymous', null, { publicFile: 401, internalFile: 401, noteFile: 401, customerFile: 401, othersFile: 401 }],
    ];
    for (const [who, user, expected] of callers) {
      for (const name of names) {
        const file: AttachmentJson = w[name];
        for (const path of [`/api/v1/attachments/${file.id}/content`, `/api/v1/attachments/${file.id}`]) {
          const response = await tenantCall(w.tenant, 'GET', path, { token: user?.token });
          expect(response.status, `${who} GET ${name} ${path}`).toBe(expected[name]);
          if (response.status === 200 && path.endsWith('/content')) expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG);
        }
      }
    }
  });

  it("answers 404 to another tenant's agent in their own tenant, and 401 in this one, where their token means nothing", async () => {
    const w = await filesWorld();
    for (const file of [w.publicFile, w.internalFile]) {
      const own = await tenantCall(w.elsewhere, 'GET', `/api/v1/attachments/${file.id}/content`, { token: w.outsiderAgent.token });
      expect(own.status).toBe(404);
      const crossed = await tenantCall(w.tenant, 'GET', `/api/v1/attachments/${file.id}/content`, { token: w.outsiderAgent.token });
      expect(crossed.status).toBe(401);
    }
  });

  it('lets the uploader or staff delete a file, after which nobody can read it', async () => {
    const w = await filesWorld();
    const del = (user: TestUser, id: number) => tenantCall(w.tenant, 'DELETE', `/api/v1/attachments/${id}`, { token: user.token });
    expect((await del(w.customer, w.publicFile.id)).status).toBe(403);
    expect((await del(w.customer, w.internalFile.id)).status).toBe(404);
    expect((await del(w.otherCustomer, w.customerFile.id)).status).toBe(404);
    expect((await del(w.customer, w.customerFile.id)).status).toBe(204);
    expect((await del(w.agent, w.othersFile.id)).status).toBe(204);
    for (const [user, id] of [[w.customer, w.customerFile.id], [w.agent, w.customerFile.id], [w.otherCustomer, w.othersFile.id]] as const) {
      expect((await tenantCall(w.tenant, 'GET', `/api/v1/attachments/${id}/content`, { token: user.token })).status).toBe(404);
    }
    expect((await del(w.agent, w.customerFile.id)).status).toBe(404);
  });
});
