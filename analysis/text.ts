import { convert } from 'html-to-text';

/** Plain text from the HTML some sources send (HN comments, Reddit *_html), entities decoded. */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  }).trim();
}
