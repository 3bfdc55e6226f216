import { createRouter } from '../../http/create-router';

// A self-contained page (no CDN: the portal must work offline and under a strict CSP)
// that renders the OpenAPI document as a list of operations with their schemas.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>WorkerNet Portal API v1</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}code,pre{font:13px ui-monospace,monospace}
details{border:1px solid #d0d7de;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}summary{cursor:pointer}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.get{color:#0969da}.post{color:#1a7f37}.patch{color:#9a6700}.delete{color:#cf222e}
pre{background:#f6f8fa;padding:.6rem;overflow:auto}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}pre{background:#161b22}}
</style></head><body>
<h1>WorkerNet Portal API v1</h1>
<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457).</p>
<main id="ops">Loading…</main>
<script type="module" nonce="__NONCE__">
const doc = await (await fetch('openapi.json')).json();
const main = document.getElementById('ops');
main.textContent = '';
const p = document.createElement('p'); p.textContent = doc.info.description ?? ''; main.append(p);
const byTag = new Map();
for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
  const tag = op.tags?.[0] ?? 'Other'; if (!byTag.has(tag)) byTag.set(tag, []); byTag.get(tag).push({ path, method, op });
}
for (const [tag, ops] of byTag) {
  const h = document.createElement('h2'); h.textContent = tag; main.append(h);
  for (const { path, method, op } of ops) {
    const d = document.createElement('details'); const s = document.createElement('summary');
    const m = document.createElement('span'); m.className = 'm ' + method; m.textContent = method.toUpperCase();
    const c = document.createElement('code'); c.textContent = path;
    s.append(m, c, ' \u2014 ' + (op.summary ?? '')); d.append(s);
    const pre = document.createElement('pre');
    pre.textContent = JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2);
    d.append(pre); main.append(d);
  }
}
const h = document.createElement('h2'); h.textContent = 'Schemas'; main.append(h);
const pre = document.createElement('pre'); pre.textContent = JSON.stringify(doc.components?.schemas ?? {}, null, 2); main.append(pre);
</script></body></html>`;

export const docsRouter = createRouter().get('/docs', (c) => {
  const nonce = crypto.randomUUID().replaceAll('-', '');
  return c.html(PAGE.replace('__NONCE__', nonce), 200, {
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'`,
  });
});
