import { createRoute, z } from '@hono/zod-openapi';
import { MAX_ATTACHMENT_BYTES } from '../../attachments/attachment-quota';
import { commonErrors } from '../../http/openapi-schemas';

/** 1 PiB: far beyond any tenant, small enough to stay an exact integer everywhere. */
export const MAX_QUOTA_BYTES = 2 ** 50;

export const AttachmentSettingsSchema = z
  .object({
    quota_bytes: z.number().int().openapi({ description: 'Total bytes the team\u2019s live files may take' }),
    quota_is_default: z.boolean().openapi({ description: 'True while the platform default applies' }),
    used_bytes: z.number().int().openapi({ description: 'What the live files take now (deleted files do not count)' }),
    max_file_bytes: z.number().int().openapi({ description: 'The largest file one upload may carry', example: MAX_ATTACHMENT_BYTES }),
  })
  .openapi('AttachmentSettings');

const answer = { description: 'The settings', content: { 'application/json': { schema: AttachmentSettingsSchema } } };

export const getAttachmentSettingsRoute = createRoute({
  method: 'get',
  path: '/settings/attachments',
  tags: ['Attachments'],
  summary: 'The team\u2019s file storage: quota and use',
  responses: { 200: answer, ...commonErrors },
});

export const updateAttachmentSettingsRoute = createRoute({
  method: 'patch',
  path: '/settings/attachments',
  tags: ['Attachments'],
  summary: 'Set the team\u2019s attachment quota',
  description: '`null` restores the platform default. A quota below the current use refuses new uploads; it deletes nothing.',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .strictObject({
              quota_bytes: z
                .number({ message: 'must be a whole number of bytes, or null for the default' })
                .int('must be a whole number of bytes')
                .min(0, 'must not be negative')
                .max(MAX_QUOTA_BYTES, `must be at most ${MAX_QUOTA_BYTES}`)
                .nullable(),
            })
            .openapi('UpdateAttachmentSettings'),
        },
      },
    },
  },
  responses: { 200: answer, ...commonErrors },
});
