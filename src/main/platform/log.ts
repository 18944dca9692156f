/**
 * The app's log: operational events only. Never pass record contents, names, ID numbers or query
 * text here: the data is sensitive personal data (Decree 13/2023, Law 91/2025/QH15).
 */
type Level = 'info' | 'warn' | 'error';

function write(level: Level, event: string, details: Record<string, string | number | boolean | undefined> = {}) {
  const line = JSON.stringify({ at: new Date().toISOString(), level, event, ...details });
  process.stderr.write(`${line}\n`);
}

export const log = {
  info: (event: string, details?: Record<string, string | number | boolean | undefined>) => write('info', event, details),
  warn: (event: string, details?: Record<string, string | number | boolean | undefined>) => write('warn', event, details),
  /** Logs where an unexpected error came from (type and stack frames) without its message, which may quote data. */
  error: (event: string, error: unknown, details?: Record<string, string | number | boolean | undefined>) => {
    const frames = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).map((frame) => frame.trim()).join(' | ') : '';
    const code = (error as { code?: unknown })?.code;
    write('error', event, { ...details, errorType: error instanceof Error ? error.name : typeof error, code: typeof code === 'string' ? code : undefined, frames });
  },
};
