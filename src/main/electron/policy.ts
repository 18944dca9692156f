/**
 * What the window may load and run: our renderer only. Pure functions, no Electron import, so the
 * rules can be read (and tested) on their own. `security.ts` and `ipc-main.ts` apply them.
 */
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';

/** Where the renderer comes from: the built file, or the electron-vite dev server in `npm run dev`. */
export interface RendererSource {
  /** Absolute path of out/renderer/index.html. */
  file: string;
  /** ELECTRON_RENDERER_URL, only when running unpackaged in dev. */
  devServerUrl?: string;
}

/** True when `url` is our renderer page (any hash or query), never another file or another origin. */
export function isRendererUrl(url: string, source: RendererSource): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (source.devServerUrl) return parsed.origin === new URL(source.devServerUrl).origin;
  const expected = pathToFileURL(source.file);
  return parsed.protocol === 'file:' && parsed.host === expected.host && parsed.pathname === expected.pathname;
}

/**
 * The web host's policy, loosened only for the dev server: its origin, its HMR websocket, and the
 * inline preamble @vitejs/plugin-react injects. The built app gets the policy unchanged.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY;
  const dev = new URL(devServerUrl);
  const socket = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`;
  const extra: Record<string, string[]> = {
    'script-src': [dev.origin, "'unsafe-inline'"],
    'connect-src': [dev.origin, socket],
  };
  return CONTENT_SECURITY_POLICY.split(';')
    .map((directive) => directive.trim())
    .filter(Boolean)
    .map((directive) => {
      const name = directive.split(/\s+/)[0] ?? '';
      return extra[name] ? [directive, ...extra[name]].join(' ') : directive;
    })
    .join('; ');
}
