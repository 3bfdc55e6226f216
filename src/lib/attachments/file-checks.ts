import type { Translator } from '$lib/i18n/translate';
import { asProblem, problemSentence } from '../api/problem-sentence';
import { MAX_ATTACHMENT_BYTES } from '../../../worker/attachments/attachment-quota';
import { allowedContentType, ALLOWED_CONTENT_TYPES, extensionsOf, type AllowedContentType } from '../../../worker/attachments/attachment-types';
import { formatFileSize } from './file-size';

// What the browser checks before an upload, and how a refusal reads: the same
// allowlist and size limit the API enforces (worker/attachments), so a file the
// API would refuse is refused at once with the same sentence, without sending it.

export type UploadRefusal = 'too_large' | 'type_refused' | 'type_mismatch' | 'quota';

/** The allowlisted type to upload `file` as: the browser's own guess, else its extension's; null when neither is allowed. */
export function uploadTypeOf(file: { name: string; type: string }): AllowedContentType | null {
  const declared = allowedContentType(file.type);
  if (declared) return declared;
  const extension = file.name.toLowerCase().split('.').pop() ?? '';
  return ALLOWED_CONTENT_TYPES.find((type) => extensionsOf(type).includes(extension)) ?? null;
}

/** Refuses, before sending, a file the API would refuse for its size or type. */
export function checkBeforeUpload(
  file: { name: string; type: string; size: number },
  maxBytes = MAX_ATTACHMENT_BYTES,
): { ok: true; type: AllowedContentType } | { ok: false; reason: UploadRefusal } {
  if (file.size > maxBytes) return { ok: false, reason: 'too_large' };
  const type = uploadTypeOf(file);
  return type ? { ok: true, type } : { ok: false, reason: 'type_refused' };
}

/** The refusal an upload's error answer stands for, or null for any other failure. */
export function refusalOf(status: number): UploadRefusal | null {
  if (status === 413) return 'too_large';
  if (status === 415) return 'type_refused';
  if (status === 422) return 'type_mismatch';
  if (status === 507) return 'quota';
  return null;
}

/** One sentence, naming the file, for why it was not attached. */
export function refusalSentence(
  failure: { reason: UploadRefusal } | { status: number; body: unknown },
  file: { name: string; type: string },
  i18n: Pick<Translator, 'locale' | 't' | 'number'>,
): string {
  const reason = 'reason' in failure ? failure.reason : refusalOf(failure.status);
  const name = file.name;
  if (reason === 'too_large') return i18n.t('files.tooLarge', { name, max: formatFileSize(MAX_ATTACHMENT_BYTES, i18n.locale) });
  if (reason === 'type_refused') return i18n.t('files.typeRefused', { name });
  if (reason === 'type_mismatch') return i18n.t('files.typeMismatch', { name, type: uploadTypeOf(file) ?? file.type });
  if (reason === 'quota') return i18n.t('files.quota', { name });
  const { status, body } = failure as { status: number; body: unknown };
  return i18n.t('files.failed', { name, reason: problemSentence(asProblem(body, status), i18n) });
}
