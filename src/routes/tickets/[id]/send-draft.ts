import { hc } from 'hono/client';
import type { DraftField } from '../../../../party/ticket-room';
import type { ApiApp } from '../../../../worker/app';
import type { TicketStatus } from '../../../../worker/db/tenant/tickets';

// Sending a co-edited draft from the browser: POST /api/v1/tickets/{id}/reply
// (or /note) on the page's own origin with the session cookie. The request
// carries no text: the TicketRoom renders what the agents wrote, exactly once
// however many of them press Send (DESIGN.md item 4).

export type SendOutcome = { ok: true; commentId: number } | { ok: false; status: number; detail: string };

async function problemSentence(response: { status: number; json(): Promise<unknown> }): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: unknown };
    if (typeof problem.detail === 'string' && problem.detail) return problem.detail;
  } catch {
    // Not problem+json (a proxy's error page): fall through.
  }
  return `The portal answered ${response.status}. Please try again.`;
}

/** Sends the ticket's `field` draft, optionally moving the ticket to `status` with it. */
export async function sendDraft(ticketId: number, field: DraftField, status?: TicketStatus): Promise<SendOutcome> {
  const tickets = hc<ApiApp>(location.origin).api.v1.tickets[':id'];
  const request = { param: { id: String(ticketId) }, header: {}, json: status ? { status } : {} };
  try {
    const response = field === 'reply' ? await tickets.reply.$post(request) : await tickets.note.$post(request);
    if (response.status === 201) return { ok: true, commentId: (await response.json()).id };
    return { ok: false, status: response.status, detail: await problemSentence(response) };
  } catch {
    return { ok: false, status: 0, detail: 'The portal could not be reached. Check your connection and try again.' };
  }
}
