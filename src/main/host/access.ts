/**
 * Who may use the web host: the browser that opened the address printed at start-up. That address
 * carries a one-time token, exchanged on first use for an HttpOnly session cookie; the token is then
 * spent, so the address found later in a history, a log or a shell scrollback opens nothing. The
 * cookie's secret is a different random value that never appears in a URL.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const COOKIE = 'antq_session';

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** What a `?token=` request gets: a cookie, the page it already has access to, or a refusal. */
export type TokenExchange = { kind: 'granted'; setCookie: string } | { kind: 'already_in' } | { kind: 'spent' } | { kind: 'wrong' };

export class AccessGate {
  private readonly session = randomBytes(24).toString('base64url');
  private spent = false;

  constructor(readonly token: string) {}

  /** Whether the request carries this run's session cookie. */
  admits(request: IncomingMessage): boolean {
    return sameSecret(cookieValue(request, COOKIE), this.session);
  }

  exchange(given: string, request: IncomingMessage): TokenExchange {
    if (!sameSecret(given, this.token)) return { kind: 'wrong' };
    // The same browser opening the printed address again simply goes back to the app.
    if (this.admits(request)) return { kind: 'already_in' };
    if (this.spent) return { kind: 'spent' };
    this.spent = true;
    return { kind: 'granted', setCookie: `${COOKIE}=${this.session}; HttpOnly; SameSite=Strict; Path=/` };
  }
}
