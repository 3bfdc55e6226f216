import { config } from 'zod';

// The live clients parse frames with the rooms' own zod schemas. zod compiles
// object parsers with `new Function` when it may, and probes for that once;
// under the portal's CSP (no 'unsafe-eval') the browser reports the probe as a
// violation even though zod catches it. Import this before parsing anything.
config({ jitless: true });
