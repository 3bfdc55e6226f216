import { createRoute, z } from '@hono/zod-openapi';
import { email } from '../../http/fields';
import { commonErrors, problemContent } from '../../http/openapi-schemas';

// Where the tenant's e-mail arrives: `<slug>@<EMAIL_DOMAIN>` always, plus
// addresses of the tenant's own domains that it forwards to us (Email Routing).

const CustomAddressSchema = z
  .object({ address: z.string().openapi({ example: 'support@customer.example' }), created_at: z.string().openapi({ format: 'date-time' }) })
  .openapi('InboundAddress');

const InboundAddressesSchema = z
  .object({
    default_address: z.string().openapi({ description: 'Always reaches the tenant', example: 'demo@workernet.example' }),
    items: z.array(CustomAddressSchema),
  })
  .openapi('InboundAddresses');

const AddAddressBody = z.strictObject({ address: email }).openapi('AddInboundAddress');
const AddressParams = z.object({
  address: email.openapi({ param: { name: 'address', in: 'path' }, example: 'support@customer.example' }),
});

export const listInboundAddressesRoute = createRoute({
  method: 'get',
  path: '/settings/email-addresses',
  tags: ['Settings'],
  summary: 'The addresses whose mail becomes tickets of this tenant (admins and owners)',
  responses: {
    200: { description: 'The default address and the custom ones', content: { 'application/json': { schema: InboundAddressesSchema } } },
    401: commonErrors[401],
    403: commonErrors[403],
  },
});

export const addInboundAddressRoute = createRoute({
  method: 'post',
  path: '/settings/email-addresses',
  tags: ['Settings'],
  summary: 'Receive the mail of one of your own addresses (admins and owners; audited)',
  description:
    'Forward the address to this Worker with Email Routing as well. Addresses at the portal’s own e-mail domain are the tenants’ default addresses and cannot be claimed.',
  request: { body: { required: true, content: { 'application/json': { schema: AddAddressBody } } } },
  responses: {
    201: { description: 'The address now reaches this tenant', content: { 'application/json': { schema: CustomAddressSchema } } },
    401: commonErrors[401],
    403: commonErrors[403],
    409: { description: 'The address already reaches a tenant', content: problemContent },
    422: commonErrors[422],
  },
});

export const removeInboundAddressRoute = createRoute({
  method: 'delete',
  path: '/settings/email-addresses/{address}',
  tags: ['Settings'],
  summary: 'Stop receiving the mail of a custom address (admins and owners; audited)',
  request: { params: AddressParams },
  responses: {
    204: { description: 'Removed; mail to it is rejected from now on' },
    400: commonErrors[400],
    401: commonErrors[401],
    403: commonErrors[403],
    404: commonErrors[404],
  },
});
