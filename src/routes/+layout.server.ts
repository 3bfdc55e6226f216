import type { LayoutServerLoad } from './$types';

export const load = (({ locals }) => ({ user: locals.user, locale: locals.locale, theme: locals.theme })) satisfies LayoutServerLoad;
