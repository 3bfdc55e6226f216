// The search API marks matches as HTML (`…<mark>word</mark>…`, everything else
// escaped). The page shows them without {@html}: split into plain text and
// marked runs, and let Svelte escape the text again.

export interface Segment {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const decode = (html: string) => html.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);

export function highlightSegments(html: string): Segment[] {
  const segments: Segment[] = [];
  const pattern = /<mark>(.*?)<\/mark>/gs;
  let last = 0;
  for (const match of html.matchAll(pattern)) {
    if (match.index > last) segments.push({ text: decode(html.slice(last, match.index)), marked: false });
    segments.push({ text: decode(match[1] ?? ''), marked: true });
    last = match.index + match[0].length;
  }
  if (last < html.length) segments.push({ text: decode(html.slice(last)), marked: false });
  // Any other tag would be a change in the API's format: show it as text rather than lose it.
  return segments;
}
