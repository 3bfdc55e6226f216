import { z } from 'zod';
import type { SocketErrorFrame } from './socket-errors';

// The ChatRoom's wire format: JSON frames, one zod schema per type, in both
// directions. Clients import the server-frame schemas to parse what they get.

/** A chat message's text: at most this many characters… */
export const MAX_MESSAGE_CHARS = 4000;
/** …and at most this many bytes of UTF-8. */
export const MAX_MESSAGE_BYTES = 4096;
/**
 * A frame longer than this is refused before it is parsed. It is well above a
 * full message: JSON may spell each character of the text as a 6-byte escape.
 */
export const MAX_FRAME_BYTES = 32 * 1024;
/** Messages a member gets on joining; older ones come from the comments API. */
export const HISTORY_SIZE = 100;

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/** Marks the issues that mean "too long" (answered without closing), as opposed to malformed. */
const TOO_LARGE = { tooLarge: true } as const;

const messageText = z
  .string()
  .refine((s) => s.trim().length > 0, 'must not be blank')
  .refine((s) => s.isWellFormed(), 'must be well-formed Unicode (no lone surrogates)')
  .refine((s) => !CONTROL.test(s), 'must not contain control characters')
  .refine((s) => s.length <= MAX_MESSAGE_CHARS, { message: `must be at most ${MAX_MESSAGE_CHARS} characters`, params: TOO_LARGE })
  .refine((s) => utf8Bytes(s) <= MAX_MESSAGE_BYTES, { message: `must be at most ${MAX_MESSAGE_BYTES} bytes of UTF-8`, params: TOO_LARGE });

/** Chosen by the sender (a UUID, say): echoed back with the stored message, and a resent message with it is stored once. */
const clientId = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII');

const messageId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// Client → server.

export const ClientMessageFrame = z.strictObject({ type: z.literal('message'), text: messageText, client_id: clientId });
export const ClientTypingFrame = z.strictObject({ type: z.literal('typing'), typing: z.boolean() });
export const ClientReadFrame = z.strictObject({ type: z.literal('read'), up_to: messageId });

const CLIENT_FRAMES = { message: ClientMessageFrame, typing: ClientTypingFrame, read: ClientReadFrame } as const;

export type ClientMessageFrame = z.infer<typeof ClientMessageFrame>;
export type ClientFrame = z.infer<(typeof CLIENT_FRAMES)[keyof typeof CLIENT_FRAMES]>;

// Server → client.

export const ChatAuthor = z.object({ id: z.number().int(), name: z.string(), role: z.enum(['owner', 'admin', 'agent', 'customer']) });
export const ChatMessage = z.object({
  id: messageId,
  author: ChatAuthor,
  text: z.string(),
  created_at: z.string(),
  /** The sender's `client_id` when this frame answers their message; null in history. */
  client_id: z.string().nullable(),
});
export const ServerMessageFrame = ChatMessage.extend({ type: z.literal('message') });
export const ServerHistoryFrame = z.object({
  type: z.literal('history'),
  /** The latest messages, oldest first. */
  messages: z.array(ChatMessage),
  /** Whether older messages exist (GET /api/v1/tickets/{id}/comments?channel=chat pages through all of them). */
  has_older: z.boolean(),
  /** How far each member has read. */
  reads: z.array(z.object({ user: ChatAuthor, up_to: messageId })),
});
export const ServerTypingFrame = z.object({ type: z.literal('typing'), user: ChatAuthor, typing: z.boolean() });
export const ServerReadFrame = z.object({ type: z.literal('read'), user: ChatAuthor, up_to: messageId });
export const ServerErrorFrame = z.object({
  type: z.literal('error'),
  code: z.string(),
  detail: z.string(),
  /** Set when the error is about one message the client sent. */
  client_id: z.string().optional(),
});
/**
 * Something the customer sees changed outside the chat (a public reply, the status,
 * a public file): the portal reloads the ticket. Only what changed, never the content,
 * so the frame can be sent before knowing who listens.
 */
export const TICKET_CHANGES = ['reply', 'status', 'attachment'] as const;
export const ServerTicketFrame = z.object({ type: z.literal('ticket'), change: z.enum(TICKET_CHANGES), at: z.string() });
export const ServerFrame = z.discriminatedUnion('type', [
  ServerHistoryFrame,
  ServerMessageFrame,
  ServerTypingFrame,
  ServerReadFrame,
  ServerErrorFrame,
  ServerTicketFrame,
]);

export type ChatAuthor = z.infer<typeof ChatAuthor>;
export type ChatMessage = z.infer<typeof ChatMessage>;
export type ServerFrame = z.infer<typeof ServerFrame>;
export type TicketChange = (typeof TICKET_CHANGES)[number];
export type ServerErrorFrame = z.infer<typeof ServerErrorFrame> & SocketErrorFrame;

/** Why a frame was refused: `close` means the sender broke the protocol and the connection ends. */
export interface FrameRefusal {
  ok: false;
  code: 'malformed_frame' | 'unknown_type' | 'invalid_frame' | 'too_large';
  detail: string;
  close: boolean;
  client_id?: string;
}

const refuse = (code: FrameRefusal['code'], detail: string, close: boolean, client_id?: string): FrameRefusal => ({
  ok: false,
  code,
  detail,
  close,
  ...(client_id !== undefined ? { client_id } : {}),
});

/**
 * Reads one frame from a client. Broken JSON, an unknown type and wrong fields
 * are protocol errors (the connection is closed); a message that is merely too
 * long is refused on its own, since a person typed it.
 */
export function parseClientFrame(raw: string | ArrayBuffer | ArrayBufferView): { ok: true; frame: ClientFrame } | FrameRefusal {
  if (typeof raw !== 'string') return refuse('malformed_frame', 'Frames are JSON text, not binary.', true);
  if (raw.length > MAX_FRAME_BYTES || utf8Bytes(raw) > MAX_FRAME_BYTES) {
    return refuse('malformed_frame', `A frame must be at most ${MAX_FRAME_BYTES} bytes.`, true);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return refuse('malformed_frame', 'The frame is not valid JSON.', true);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return refuse('malformed_frame', 'A frame is a JSON object with a "type".', true);
  }
  const type = (json as { type?: unknown }).type;
  const schema = typeof type === 'string' && Object.hasOwn(CLIENT_FRAMES, type) ? CLIENT_FRAMES[type as keyof typeof CLIENT_FRAMES] : null;
  if (!schema) {
    return refuse('unknown_type', `Unknown frame type; expected one of ${Object.keys(CLIENT_FRAMES).join(', ')}.`, true);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, frame: parsed.data };

  const issues = parsed.error.issues;
  const detail = issues.map((i) => `${i.path.join('.') || 'frame'} ${i.message}`).join('; ');
  const onlyTooLarge = issues.every((i) => i.code === 'custom' && (i.params as typeof TOO_LARGE | undefined)?.tooLarge === true);
  if (onlyTooLarge) {
    const id = clientId.safeParse((json as { client_id?: unknown }).client_id);
    return refuse('too_large', detail, false, id.success ? id.data : undefined);
  }
  return refuse('invalid_frame', detail, true);
}

/** A server frame on the wire. */
export const encodeFrame = (frame: ServerFrame): string => JSON.stringify(frame);

/** The error frame for a refusal or a failure, in the shape every JSON room uses (party/socket-errors.ts). */
export function chatErrorFrame(code: string, detail: string, client_id?: string): string {
  const frame: ServerErrorFrame = { type: 'error', code, detail, ...(client_id !== undefined ? { client_id } : {}) };
  return encodeFrame(frame);
}
