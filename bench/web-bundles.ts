// What each main route of the web app ships to the browser, read from the build:
// SvelteKit's server manifest names a route's layout and page nodes and the
// client entry; Vite's client manifest lists every chunk's static imports (loaded
// with the page) and dynamic imports (loaded later, e.g. the ticket page's
// collaborative editor). A dynamic import the page awaits before it renders (the
// root layout's catalogue of the reader's language) is named by the caller and
// counted as initial. Sizes are gzipped, as a server sends them.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../scripts/run-command.ts';

const SERVER_MANIFEST = `${ROOT}.svelte-kit/output/server/manifest.js`;
const CLIENT_DIR = `${ROOT}.svelte-kit/output/client/`;
const CLIENT_MANIFEST = `${CLIENT_DIR}.vite/manifest.json`;
const nodeKey = (index: number) => `.svelte-kit/generated/client-optimized/nodes/${index}.js`;

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface RouteWeight {
  route: string;
  /** JS the page loads before it is interactive (the entry, its layouts, the page, their static imports). */
  initialJsBytes: number;
  cssBytes: number;
  /** JS the page loads afterwards through dynamic import() (not counting what is already loaded). */
  lazyJsBytes: number;
}

interface ServerManifest {
  entryJs: string[];
  entryCss: string[];
  /** Route id → the node files (numbers) of its layouts and its page. */
  routes: Map<string, number[]>;
}

/** Reads the generated server manifest (a JS module that imports server code, so it is parsed, not run). */
function readServerManifest(): ServerManifest {
  const source = readFileSync(SERVER_MANIFEST, 'utf8');
  const client = /client:\s*\{start:"[^"]+",app:"[^"]+",imports:\[([^\]]*)\],stylesheets:\[([^\]]*)\]/.exec(source);
  if (!client) throw new Error(`no client entry in ${SERVER_MANIFEST}`);
  const strings = (list: string | undefined) => [...(list ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  // A route names its nodes by their place in the `nodes` list, which is not always the node's file number.
  const nodeFiles = [...source.matchAll(/import\('\.\/nodes\/(\d+)\.js'\)/g)].map((m) => Number(m[1]));
  const fileOf = (place: number) => {
    const file = nodeFiles[place];
    if (file === undefined) throw new Error(`node ${place} is not in the nodes list of ${SERVER_MANIFEST}`);
    return file;
  };
  const routes = new Map<string, number[]>();
  for (const m of source.matchAll(/id: "([^"]+)",[\s\S]*?page: (?:\{ layouts: \[([^\]]*)\], errors: \[[^\]]*\], leaf: (\d+) \}|null)/g)) {
    if (!m[3]) continue;
    const layouts = (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
    routes.set(m[1]!, [...layouts, Number(m[3])].map(fileOf));
  }
  return { entryJs: strings(client[1]), entryCss: strings(client[2]), routes };
}

const gzipped = new Map<string, number>();
function gzipBytes(file: string): number {
  let size = gzipped.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(`${CLIENT_DIR}${file}`)).length;
    gzipped.set(file, size);
  }
  return size;
}

/** The chunks reachable from `keys` through static imports, and the dynamic imports met on the way. */
function staticClosure(manifest: Record<string, Chunk>, keys: string[]): { keys: Set<string>; dynamic: Set<string> } {
  const seen = new Set<string>();
  const dynamic = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the client manifest`);
    seen.add(key);
    for (const d of chunk.dynamicImports ?? []) dynamic.add(d);
    for (const i of chunk.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return { keys: seen, dynamic };
}

const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipBytes(file), 0);

/**
 * The gzipped JS and CSS of each route id (e.g. `/tickets/[id]`), from the last `vite build`.
 * `beforeRender`: modules (manifest keys, e.g. `src/lib/i18n/messages.en.ts`) imported
 * dynamically but awaited before the page renders; they count as initial.
 */
export function routeWeights(routeIds: readonly string[], beforeRender: readonly string[] = []): RouteWeight[] {
  const server = readServerManifest();
  const manifest = JSON.parse(readFileSync(CLIENT_MANIFEST, 'utf8')) as Record<string, Chunk>;
  return routeIds.map((route) => {
    const nodes = server.routes.get(route);
    if (!nodes) throw new Error(`route ${route} is not in the build`);
    const initial = staticClosure(manifest, [...nodes.map(nodeKey), ...beforeRender]);
    beforeRender.forEach((key) => initial.dynamic.delete(key));
    const initialFiles = new Set([...server.entryJs, ...[...initial.keys].map((k) => manifest[k]!.file)]);
    const css = new Set([...server.entryCss, ...[...initial.keys].flatMap((k) => manifest[k]!.css ?? [])]);
    // Everything the page may import later, and what that imports in turn, less what is already loaded.
    const lazy = staticClosure(manifest, [...initial.dynamic]);
    let frontier = lazy.dynamic;
    while (frontier.size > 0) {
      const more = staticClosure(manifest, [...frontier].filter((k) => !lazy.keys.has(k)));
      more.keys.forEach((k) => lazy.keys.add(k));
      frontier = new Set([...more.dynamic].filter((k) => !lazy.keys.has(k)));
    }
    const lazyFiles = new Set([...lazy.keys].map((k) => manifest[k]!.file).filter((f) => !initialFiles.has(f)));
    [...lazy.keys].flatMap((k) => manifest[k]!.css ?? []).forEach((file) => css.add(file));
    return { route, initialJsBytes: sum(initialFiles), cssBytes: sum(css), lazyJsBytes: sum(lazyFiles) };
  });
}
