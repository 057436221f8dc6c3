/**
 * Issue 17 item 5: a text filter from a URL (`?q=`) may hold any character,
 * and PostgreSQL refuses a NUL byte in text: control characters count as
 * spaces, as officer search does, then the text is trimmed and cut to `max`.
 */
export function cleanTextFilter(value: string | null | undefined, max = 100): string {
  // eslint-disable-next-line no-control-regex
  return (value ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, max);
}
