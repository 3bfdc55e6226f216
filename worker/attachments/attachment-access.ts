import type { KbStatus, KbVisibility } from '../db/tenant/kb';

// Who may read or delete a stored file. Everything a caller may not read is
// answered like a file that does not exist (404), so ids reveal nothing.

/** The caller: null when anonymous; `staff` from the permission table (`attachment:read_all`). */
export type AttachmentReader = { userId: number; staff: boolean } | null;

/** A stored file with what its visibility depends on. */
export interface AttachmentScope {
  uploaderId: number | null;
  public: boolean;
  deleted: boolean;
  /** The ticket's requester, for a ticket's file. */
  ticket: { requesterId: number } | null;
  /** The comment it belongs to, if any: an internal note's files stay internal. */
  comment: { public: boolean } | null;
  /** The article, for a knowledge-base image. */
  article: { status: KbStatus; visibility: KbVisibility } | null;
}

/** A knowledge-base image anyone may see (and caches may keep). */
export const isPublicArticleImage = (a: AttachmentScope): boolean =>
  a.article !== null && a.article.status === 'published' && a.article.visibility === 'public';

/**
 * Staff read every live file of their tenant; a customer only the public files
 * (not an internal note's) of tickets they requested; anybody, signed in or not,
 * the images of a published public article.
 */
export function mayRead(reader: AttachmentReader, a: AttachmentScope): boolean {
  if (a.deleted) return false;
  if (isPublicArticleImage(a)) return true;
  if (reader === null) return false;
  if (reader.staff) return true;
  if (a.ticket === null) return false;
  return a.ticket.requesterId === reader.userId && a.public && (a.comment?.public ?? true);
}

/** Whoever may delete any file (staff: `attachment:delete_any`), or the uploader while they can still see it. */
export function mayDelete(reader: AttachmentReader, a: AttachmentScope, deletesAny: boolean): boolean {
  if (reader === null || !mayRead(reader, a)) return false;
  return deletesAny || a.uploaderId === reader.userId;
}
