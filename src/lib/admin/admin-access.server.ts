import { error } from '@sveltejs/kit';
import type { SignedInUser } from '$lib/server/api';
import { signedInOrRedirect } from '$lib/server/signed-in';
import { createTranslator } from '$lib/i18n/translate';
import { can, type Action } from '../../../worker/auth/permissions';

// The admin screens ask the API's own permission table before rendering, so a
// person without the right sees one sentence instead of a page of refusals.
// The API still decides every call; this only picks what to show.

/** The signed-in user if the permission table lets them do `action`, else a 403 page in their language. */
export function requirePermission(locals: App.Locals, url: URL, action: Action): SignedInUser {
  const user = signedInOrRedirect(locals, url);
  if (!can(user.role, action)) error(403, createTranslator(locals.locale).t('admin.adminsOnly'));
  return user;
}
