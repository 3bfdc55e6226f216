import { browserApi } from '$lib/api/client';
import { outcome } from '$lib/api/outcome';
import type { TicketStatus } from '$lib/api/types';
import type { DraftField } from '../../../../party/draft-sends';

// Sending a co-edited draft from the browser: POST /api/v1/tickets/{id}/reply
// (or /note) on the page's own origin with the session cookie. The request
// carries no text: the TicketRoom renders what the agents wrote, exactly once
// however many of them press Send (DESIGN.md item 4).

export type SendOutcome = { ok: true; commentId: number } | { ok: false; status: number; body: unknown };

/** Sends the ticket's `field` draft, optionally moving the ticket to `status` with it. */
export async function sendDraft(ticketId: number, field: DraftField, status?: TicketStatus): Promise<SendOutcome> {
  const request = { params: { path: { id: ticketId } }, body: status ? { status } : {} };
  const result = await outcome(
    field === 'reply' ? browserApi().POST('/api/v1/tickets/{id}/reply', request) : browserApi().POST('/api/v1/tickets/{id}/note', request),
  );
  return result.ok ? { ok: true, commentId: result.data.id } : result;
}
