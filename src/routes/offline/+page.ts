// Prerendered into the build, so the service worker can cache it with the app shell.
export const prerender = true;
