import { loadCatalogue } from '$lib/i18n/load-catalogue';
import type { LayoutLoad } from './$types';

// Runs on the server for the first render and again in the browser before it
// takes the page over: the page's language's catalogue is there before anything renders.
export const load = (async ({ data }) => ({ ...data, catalogue: await loadCatalogue(data.locale) })) satisfies LayoutLoad;
