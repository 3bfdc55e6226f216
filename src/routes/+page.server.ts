import { redirect } from '@sveltejs/kit';
import { homeOf } from '$lib/server/route-access';
import type { PageServerLoad } from './$types';

export const load = (({ locals }) => {
  redirect(303, locals.user ? homeOf(locals.user.role) : '/login');
}) satisfies PageServerLoad;
