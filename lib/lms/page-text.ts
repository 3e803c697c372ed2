/**
 * Reading untrusted text and ids out of a host page. The host page runs third-party JavaScript, so
 * nothing read here is trusted: text is normalised and bounded, ids must match a strict shape.
 */

const MAX_TITLE = 200;

/** Collapse whitespace, drop control characters, bound the length. Empty becomes undefined. */
export function cleanTitle(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const text = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e]/g, ' ');
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (!collapsed) return undefined;
  return collapsed.length > MAX_TITLE ? `${collapsed.slice(0, MAX_TITLE - 1)}…` : collapsed;
}

/** The text of the first element matching any selector, cleaned. */
export function textOf(document: Document | undefined, ...selectors: string[]): string | undefined {
  if (!document) return undefined;
  for (const selector of selectors) {
    const title = cleanTitle(document.querySelector(selector)?.textContent);
    if (title) return title;
  }
  return undefined;
}

/** The first non-empty `attribute` of an element matching any selector, cleaned like a title. */
export function attributeOf(
  document: Document | undefined,
  attribute: string,
  ...selectors: string[]
): string | undefined {
  if (!document) return undefined;
  for (const selector of selectors) {
    const value = cleanTitle(document.querySelector(selector)?.getAttribute(attribute));
    if (value) return value;
  }
  return undefined;
}

/** An id as LMSs write them: digits, letters, `_ - : + . %`, bounded. Anything else is rejected. */
export function cleanId(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  return /^[A-Za-z0-9_:+.%-]{1,120}$/.test(raw) ? raw : undefined;
}

/** The first capture of `pattern` in the body's class list (`course-4021` -> `4021`). */
export function bodyClassValue(document: Document | undefined, pattern: RegExp): string | undefined {
  const classes = document?.body?.className;
  if (typeof classes !== 'string') return undefined;
  for (const name of classes.split(/\s+/)) {
    const match = pattern.exec(name);
    if (match?.[1]) return cleanId(match[1]);
  }
  return undefined;
}

/** A query parameter that must be an id (see cleanId). */
export function idParam(url: URL, name: string): string | undefined {
  return cleanId(url.searchParams.get(name));
}

/** The cleaned `content` of `<meta name=...>` or `<meta property=...>`. */
export function metaContent(document: Document | undefined, name: string): string | undefined {
  return attributeOf(document, 'content', `meta[name="${name}"]`, `meta[property="${name}"]`);
}

/** The document title with a site suffix (` | Site`, ` - Site`) removed by `strip`, cleaned. */
export function documentTitle(document: Document | undefined, strip?: RegExp): string | undefined {
  const title = cleanTitle(document?.title);
  return title && strip ? cleanTitle(title.replace(strip, '')) : title;
}
