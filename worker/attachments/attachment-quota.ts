// Limits on what a tenant stores. The per-file limit is the platform's; the
// quota is a tenant setting (`tenant_settings.attachment_quota_bytes`).

/** Largest file one upload may carry. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/** Total bytes of a tenant's live files when its settings name no quota. */
export const DEFAULT_ATTACHMENT_QUOTA_BYTES = 5 * 1024 * 1024 * 1024;

/** How long a deleted file's bytes stay in R2 before the housekeeping cron purges them. */
export const PURGE_GRACE_MS = 7 * 24 * 60 * 60 * 1000;
