// Reads the field errors out of a page's `form` (an action's answer), whatever
// else that answer may carry. On a page with several forms, `source` picks the
// one that was refused.

type Answer = { fieldErrors?: Record<string, string> | undefined; source?: string | null | undefined } | null | undefined;

export function fieldErrorsOf(form: Answer, source: string | null = null): Record<string, string> {
  if (!form?.fieldErrors) return {};
  return source === null || form.source === source ? form.fieldErrors : {};
}
