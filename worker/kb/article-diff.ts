import { createTwoFilesPatch } from 'diff';

/** What a version's diff compares: the title and summary as header lines, then the body. */
export interface VersionText {
  version: number;
  title: string;
  summary: string;
  bodyMarkdown: string;
}

const asText = (v: VersionText): string => `title: ${v.title}\nsummary: ${v.summary}\n\n${v.bodyMarkdown}\n`;

/** A unified diff from one version of an article to another. */
export function articleDiff(from: VersionText, to: VersionText): string {
  return createTwoFilesPatch(`version ${from.version}`, `version ${to.version}`, asText(from), asText(to), undefined, undefined, { context: 3 });
}
