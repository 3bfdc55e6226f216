import type { MessageKey, Translator } from '$lib/i18n/translate';

// Errors reach people as sentences in their language, never as raw JSON. The
// API's own `detail` is already a sentence, in English: English readers get it
// verbatim (it is the most precise); others get a sentence for the kind of
// failure, with the fields a validation error names.

/** The parts of an RFC 9457 problem the app reads; anything else may be missing. */
export interface ProblemLike {
  status?: number;
  detail?: string;
  errors?: { field: string; detail: string }[];
}

const BY_STATUS: Record<number, MessageKey> = {
  400: 'problem.400',
  401: 'problem.401',
  403: 'problem.403',
  404: 'problem.404',
  409: 'problem.409',
  413: 'problem.413',
  422: 'problem.422',
  429: 'problem.429',
};

/** Reads a problem out of whatever an API call's error body was (problem+json, or not JSON at all). */
export function asProblem(body: unknown, status: number): ProblemLike {
  if (body && typeof body === 'object') {
    const { detail, errors } = body as { detail?: unknown; errors?: unknown };
    return {
      status,
      ...(typeof detail === 'string' ? { detail } : {}),
      ...(Array.isArray(errors) ? { errors: errors as ProblemLike['errors'] } : {}),
    };
  }
  return { status };
}

/** `status` 0 means the request never got an answer (offline, connection dropped). */
export function problemSentence(problem: ProblemLike, i18n: Pick<Translator, 'locale' | 't'>): string {
  const status = problem.status ?? 0;
  if (status === 0) return i18n.t('problem.network');
  if (i18n.locale === 'en' && problem.detail) return problem.detail;
  const key = BY_STATUS[status] ?? (status >= 500 ? 'problem.500' : 'problem.other');
  const sentence = i18n.t(key, { status });
  const fields = problem.errors?.map((e) => e.field).filter(Boolean) ?? [];
  return fields.length > 0 ? `${sentence} ${i18n.t('problem.fields', { fields: fields.join(', ') })}` : sentence;
}
