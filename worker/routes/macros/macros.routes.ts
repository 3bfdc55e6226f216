import { createRoute, z } from '@hono/zod-openapi';
import { TICKET_STATUSES } from '../../db/tenant/tickets';
import { idParam, iso, text } from '../../http/fields';
import { commonErrors, dateTime, problemContent } from '../../http/openapi-schemas';
import { MACRO_PLACEHOLDERS, MACRO_STATUSES, unknownPlaceholders } from '../../macros/macro-rules';
import type { Macro } from '../../db/tenant/macros';
import { SOME_FIELD } from '../tickets/tickets.schemas';

// Macros (canned responses): staff read them to insert into a reply; admins
// and owners write them.

const MacroIdParams = z.object({ id: idParam.openapi({ param: { name: 'id', in: 'path' }, type: 'integer', example: 3 }) });

const placeholderList = MACRO_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ');

const title = text({ max: 100 })
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'must not be blank'))
  .openapi({ type: 'string', example: 'Printer: restart first' });

const body = text({ max: 5_000, multiline: true })
  .superRefine((value, ctx) => {
    const unknown = unknownPlaceholders(value);
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `uses ${unknown.map((name) => `{{${name}}}`).join(', ')}, which is not a placeholder (there are ${placeholderList})` });
    }
  })
  .openapi({ type: 'string', description: `Plain text; a blank line starts a paragraph. Placeholders: ${placeholderList}.`, example: 'Hello {{customer.name}},\n\nplease restart the printer.' });

const status = z.enum(MACRO_STATUSES).nullable().openapi({ description: 'The status "Send and set" offers once the macro is inserted; null leaves it alone' });

const CreateMacroBody = z.strictObject({ title, body, status: status.optional() }).openapi('CreateMacro');

const UpdateMacroBody = z
  .strictObject({ title: title.optional(), body: body.optional(), status: status.optional() })
  .refine(...SOME_FIELD)
  .openapi('UpdateMacro');

export const MacroSchema = z
  .object({ id: z.number().int(), title: z.string(), body: z.string(), status: z.enum(TICKET_STATUSES).nullable(), created_at: dateTime, updated_at: dateTime })
  .openapi('Macro');

export type MacroJson = z.infer<typeof MacroSchema>;

export const macroJson = (m: Macro): MacroJson => ({
  id: m.id,
  title: m.title,
  body: m.body,
  status: m.status,
  created_at: iso(m.createdAt),
  updated_at: iso(m.updatedAt),
});

const titleTaken = { description: 'Another macro has this title', content: problemContent };

export const listMacrosRoute = createRoute({
  method: 'get',
  path: '/macros',
  tags: ['Macros'],
  summary: 'All macros, by title (staff)',
  responses: {
    200: { description: 'The macros', content: { 'application/json': { schema: z.object({ items: z.array(MacroSchema) }).openapi('MacroList') } } },
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

export const getMacroRoute = createRoute({
  method: 'get',
  path: '/macros/{id}',
  tags: ['Macros'],
  summary: 'One macro (staff)',
  request: { params: MacroIdParams },
  responses: { 200: { description: 'The macro', content: { 'application/json': { schema: MacroSchema } } }, ...commonErrors },
});

export const createMacroRoute = createRoute({
  method: 'post',
  path: '/macros',
  tags: ['Macros'],
  summary: 'Create a macro (admins and owners)',
  request: { body: { required: true, content: { 'application/json': { schema: CreateMacroBody } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: MacroSchema } } },
    ...commonErrors,
    409: titleTaken,
  },
});

export const updateMacroRoute = createRoute({
  method: 'patch',
  path: '/macros/{id}',
  tags: ['Macros'],
  summary: 'Change a macro’s title, text or status (admins and owners)',
  request: { params: MacroIdParams, body: { required: true, content: { 'application/json': { schema: UpdateMacroBody } } } },
  responses: {
    200: { description: 'The macro as it is now', content: { 'application/json': { schema: MacroSchema } } },
    ...commonErrors,
    409: titleTaken,
  },
});

export const deleteMacroRoute = createRoute({
  method: 'delete',
  path: '/macros/{id}',
  tags: ['Macros'],
  summary: 'Delete a macro (admins and owners)',
  request: { params: MacroIdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors },
});
