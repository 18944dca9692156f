/**
 * The path of a request as the client sent it, checked before anything uses it: a path that does not
 * decode, carries a NUL or another control character, a backslash (raw or encoded), an encoded slash or
 * a `.`/`..` segment (raw or encoded) is malformed and answered 400. The URL parser would quietly
 * resolve `/../` and `/%2e%2e/` itself, so the check runs on the raw target, not on the parsed URL.
 */
export function requestPathSegments(target: string): string[] | null {
  if (!target.startsWith('/') || target.startsWith('//')) return null;
  const path = target.split(/[?#]/, 1)[0] ?? '';
  const segments: string[] = [];
  for (const raw of path.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (segment === '.' || segment === '..' || /[\\/\u0000-\u001f\u007f]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.slice(0, -1).includes('')) return null; // "a//b"
  return segments.filter(Boolean);
}
