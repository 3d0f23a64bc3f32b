/**
 * What a form field, a query value or a path segment may hold before it goes to the database:
 * PostgreSQL refuses a NUL in text and an id past its column's range, and an error from it
 * tells the user nothing. Checked where the input is parsed, so the answer is the form's own.
 */

/** Ids of `integer` columns (accounts, tokens, rules, feeds) end here: a larger one names nothing. */
export const MAX_INT_ID = 2_147_483_647;

/** A `bigint` id as a path writes it (an import batch): 1 to 18 digits always fit, no leading zero. */
export function isBigintIdText(text: string): boolean {
  return /^[1-9][0-9]{0,17}$/.test(text);
}

/**
 * One-line values (emails, names, filters, options): no control character at all, nor a
 * text-direction embedding or override (U+202A–U+202E), which shows the text after it reordered
 * (isolates and marks, for mixed scripts, stay allowed).
 */
export function isSingleLineText(text: string): boolean {
  return !/[\u0000-\u001f\u007f\u202a-\u202e]/.test(text);
}

/** Free text (notes): line breaks and tabs, and no other control character or direction override. */
export function isFreeText(text: string): boolean {
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e]/.test(text);
}

/**
 * A path on this site to go to after signing in, or null: never another site. Browsers drop
 * tabs and line breaks inside a URL ("/\t/x.org" is "//x.org") and read "\" as "/".
 */
export function localPathOrNull(next: string): string | null {
  if (!/^\/(?![/\\])/.test(next) || next.includes("\\") || !isSingleLineText(next)) return null;
  const base = "http://darkflight.invalid";
  const url = new URL(next, base);
  // Dot segments fold away in parsing ("/.//x.org" is the path "//x.org"): the result is checked again.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === base && /^\/(?![/\\])/.test(path) ? path : null;
}
