/**
 * The one place socket errors come from: every room closes a WebSocket with one of these codes
 * and a short reason, and (for rooms that speak JSON) reports recoverable errors as one frame type.
 *
 * Close codes in 4000–4999 are ours to define (RFC 6455 §7.4.2); they mirror the HTTP status a
 * client would have got for the same refusal, so a client can map them without a table.
 */
export const SocketClose = {
  /** Policy violation: a malformed frame, or a frame the connection isn't allowed to send. */
  policy: 1008,
  /** The session or API token behind the connection was revoked or expired. */
  sessionRevoked: 4401,
  /** Applying the frame would make the room's document larger than its limit. */
  tooLarge: 4413,
  /** The connection kept sending after being told to slow down. */
  rateLimited: 4429,
  /** The room failed on its side (e.g. its database did not answer); reconnecting may work. */
  internal: 1011,
} as const;

export type SocketCloseCode = (typeof SocketClose)[keyof typeof SocketClose];

/** WebSocket close reasons are limited to 123 bytes of UTF-8 (RFC 6455 §5.5: 125 minus the code). */
export const MAX_CLOSE_REASON_BYTES = 123;

/** Cuts a reason to what a close frame can carry, without splitting a UTF-8 sequence. */
export function closeReason(reason: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(reason).length <= MAX_CLOSE_REASON_BYTES) return reason;
  let cut = '';
  for (const char of reason) {
    if (encoder.encode(cut + char + '…').length > MAX_CLOSE_REASON_BYTES) break;
    cut += char;
  }
  return cut + '…';
}

/** Anything with a close method: a partyserver Connection or a bare WebSocket. */
interface Closable {
  close(code?: number, reason?: string): void;
}

/** Closes a socket with one of our codes; a socket that is already closing is left alone. */
export function closeSocket(socket: Closable, code: SocketCloseCode, reason: string): void {
  try {
    socket.close(code, closeReason(reason));
  } catch {
    // Already closed or closing: the peer has gone, nothing left to tell it.
  }
}

/**
 * The error frame of rooms that speak JSON (ChatRoom, InboxRoom). TicketRoom speaks only the
 * Yjs protocols, so it never sends this frame: it closes the socket instead.
 */
export interface SocketErrorFrame {
  type: 'error';
  /** Machine-readable: 'malformed_frame', 'rate_limited', 'too_large', 'forbidden', … */
  code: string;
  /** Human-readable, for logs and developer tools. */
  detail: string;
}

/** Builds the serialized error frame. */
export function errorFrame(code: string, detail: string): string {
  const frame: SocketErrorFrame = { type: 'error', code, detail };
  return JSON.stringify(frame);
}
