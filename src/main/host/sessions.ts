/**
 * The signed-in officer of the web host's browser: a session per HttpOnly, SameSite=Strict cookie, on
 * top of the access gate's cookie (which only says the browser opened the printed address). Signing in
 * gives the session a new cookie value, so a value seen before sign-in is worth nothing after it.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Session } from '../session';
import { cookieValue } from './access';

const COOKIE = 'antq_user';
/** Sessions kept at once; the oldest goes first (one browser is admitted, so a handful is plenty). */
const MAX_SESSIONS = 32;

const newId = () => randomBytes(24).toString('base64url');
const setCookie = (id: string) => `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`;

export class BrowserSessions {
  private readonly sessions = new Map<string, Session>();

  /** The request's session, and the cookie to send when it is new. */
  of(request: IncomingMessage): { id: string; session: Session; setCookie?: string } {
    const given = cookieValue(request, COOKIE);
    const found = given ? this.sessions.get(given) : undefined;
    if (given && found) return { id: given, session: found };
    const id = newId();
    const session = new Session();
    this.keep(id, session);
    return { id, session, setCookie: setCookie(id) };
  }

  /** Whether the request's cookie is a signed-in session, neither locked nor waiting for a password change (for uploads and downloads). */
  signedIn(request: IncomingMessage): boolean {
    const given = cookieValue(request, COOKIE);
    const session = given ? this.sessions.get(given) : undefined;
    return Boolean(session?.user && !session.locked && !session.mustChangePassword);
  }

  /** After a sign-in: the session under a new cookie value (the old one is forgotten). */
  renew(id: string, session: Session): string {
    this.sessions.delete(id);
    const next = newId();
    this.keep(next, session);
    return setCookie(next);
  }

  private keep(id: string, session: Session): void {
    this.sessions.set(id, session);
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value as string);
  }
}
