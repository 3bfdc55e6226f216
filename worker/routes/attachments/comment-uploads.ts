import { findUnattachedUploads } from '../../attachments/attachment-store';
import type { Attachment } from '../../db/tenant/attachments';
import { invalid } from '../../http/problem';
import type { TenantDb } from '../../tenancy/tenant-db';

/** How many uploaded files one comment may take. */
export const MAX_FILES_PER_COMMENT = 20;

/**
 * The files a new comment's `attachment_ids` name: each must be the caller's own
 * upload to this ticket, live and on no comment yet, or the request is refused
 * (422 naming `attachment_ids`) before anything is written.
 */
export async function uploadsForComment(db: TenantDb, ticketId: number, uploaderId: number, ids: readonly number[] | undefined): Promise<Attachment[]> {
  const wanted = [...new Set(ids ?? [])];
  const found = await findUnattachedUploads(db, ticketId, uploaderId, wanted);
  if (found.length !== wanted.length) {
    const missing = wanted.filter((id) => !found.some((f) => f.id === id));
    throw invalid([
      { field: 'attachment_ids', detail: `${missing.join(', ')}: not your own file on this ticket, or already on a comment` },
    ]);
  }
  return found;
}
