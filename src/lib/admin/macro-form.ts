import type { components } from '$lib/api/schema';
import type { Translator } from '$lib/i18n/translate';
import type { FieldLabels } from './field-errors';

// The macro form ↔ the API's body. Inputs are named as the body's fields, so
// the API's refusals land beside them. The status select sends '' for "none".

export type MacroInput = components['schemas']['CreateMacro'];
export type Macro = components['schemas']['Macro'];

export function macroInputOf(form: FormData): MacroInput {
  const status = String(form.get('status') ?? '');
  return {
    title: String(form.get('title') ?? ''),
    // Browsers send a textarea's line breaks as CRLF; the API's text keeps LF.
    body: String(form.get('body') ?? '').replace(/\r\n?/g, '\n'),
    status: status === '' ? null : (status as MacroInput['status']),
  };
}

export const macroFieldLabels = (i18n: Translator): FieldLabels => ({
  title: i18n.t('admin.macros.name'),
  body: i18n.t('admin.macros.body'),
  status: i18n.t('admin.macros.status'),
});
