import type { Cookies } from '@sveltejs/kit';
import { isLocale, negotiateLocale, type Locale } from '$lib/i18n/translate';
import { isTheme, type Theme } from '$lib/theme';

// A visitor's display preferences. The language of a signed-in user is their
// account's (users.locale, so every device agrees); before signing in it is the
// cookie the switcher set, else the browser's Accept-Language. The colour
// scheme is per device: a cookie, else the system's.

export const LOCALE_COOKIE = 'wnp_locale';
export const THEME_COOKIE = 'wnp_theme';

/** A year, so a returning visitor is greeted in the language they chose. */
export const PREFERENCE_COOKIE = { path: '/', maxAge: 60 * 60 * 24 * 365, httpOnly: false, sameSite: 'lax', secure: false } as const;

export function localeOf(user: { locale: Locale } | null, cookies: Cookies, acceptLanguage: string | null): Locale {
  if (user) return user.locale;
  const chosen = cookies.get(LOCALE_COOKIE);
  return isLocale(chosen) ? chosen : negotiateLocale(acceptLanguage);
}

export function themeOf(cookies: Cookies): Theme {
  const chosen = cookies.get(THEME_COOKIE);
  return isTheme(chosen) ? chosen : 'system';
}
