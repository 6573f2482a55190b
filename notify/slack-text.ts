/**
 * Text for Slack's mrkdwn, where `<…>` makes mentions (`<!here>`, `<@U123>`) and labelled links
 * (`<https://x|label>`): Slack's own escaping of &, < and > turns them into plain text.
 */
export function escapeMrkdwn(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A URL shown as itself (`<url>`, no label), or null when it is not http(s). A `|` would start a
 * label, so it is percent-encoded; the label can never differ from the address.
 */
export function slackLink(url: string): string | null {
  if (!URL.canParse(url)) {
    return null;
  }
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return null;
  }
  return `<${escapeMrkdwn(parsed.href.replace(/\|/g, '%7C'))}>`;
}
