import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/translate';
import { apiFor } from '$lib/server/api';
import { LOCALE_COOKIE, PREFERENCE_COOKIE, THEME_COOKIE } from '$lib/server/preferences';
import { isTheme } from '$lib/theme';
import { safeNext } from '$lib/server/route-access';
import type { RequestHandler } from './$types';

/**
 * The language switcher and the colour-scheme toggle post here (plain forms, so
 * they work before the page's JavaScript has loaded). A signed-in user's
 * language is saved on their account, so it follows them to other devices.
 */
export const POST = (async (event) => {
  const form = await event.request.formData();
  const locale = form.get('locale');
  const theme = form.get('theme');
  if (isLocale(locale)) {
    event.cookies.set(LOCALE_COOKIE, locale, PREFERENCE_COOKIE);
    if (event.locals.user) await apiFor(event).PATCH('/api/v1/auth/me', { body: { locale } });
  }
  if (isTheme(theme)) event.cookies.set(THEME_COOKIE, theme, PREFERENCE_COOKIE);
  redirect(303, safeNext(String(form.get('back') ?? '')) ?? '/');
}) satisfies RequestHandler;
