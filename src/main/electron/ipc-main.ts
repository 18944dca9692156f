/**
 * The one door from the page to the main process: every IPC channel is registered here, and only here
 * (lint refuses `ipcMain` anywhere else). Before a handler runs, the call must
 *   1. come from our renderer's main frame: not another page or origin, not an iframe, not a destroyed frame;
 *      for `sender: 'window'` (printing) the sender must also be the webContents of one of our open windows;
 *   2. carry arguments its zod schema accepts.
 * Otherwise the handler never runs: the refusal is logged and the page gets the channel's usual "no"
 * (null from a dialog, false from printing, an error response from the API).
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { z } from 'zod';
import type { DIALOG_CHANNELS, IPC_CHANNEL, PRINT_CHANNELS } from '../../shared/api';
import { log } from '../platform/log';
import { isRendererUrl, type RendererSource } from './policy';

/** Every channel the contract names; nothing else can be registered. */
export type Channel = typeof IPC_CHANNEL | (typeof DIALOG_CHANNELS)[keyof typeof DIALOG_CHANNELS] | (typeof PRINT_CHANNELS)[keyof typeof PRINT_CHANNELS];

/** Why a call was refused: it came from elsewhere, or its arguments are not what the channel takes. */
export type Refusal = 'sender' | 'arguments';

/** Who made the call, once it is accepted: the sending webContents and its window (null if it has none). */
export interface Caller<W extends BrowserWindow | null = BrowserWindow | null> {
  sender: WebContents;
  window: W;
}

/** A channel's arguments (after the event) as a tuple schema; the handler gets what it outputs. */
type ArgumentsSchema = z.ZodType<unknown[]>;

interface Rules<Args extends ArgumentsSchema, Answer> {
  /** Where our renderer is loaded from: only its main frame is served. */
  from: RendererSource;
  /** What the call must carry after the event, e.g. `z.tuple([suggestedFileName])`. */
  args: Args;
  /** The answer to a refused call: the "no" the page already handles for this channel. */
  refused: (reason: Refusal) => NoInfer<Answer>;
}

type Handler<Args extends ArgumentsSchema, Answer, W extends BrowserWindow | null> = (caller: Caller<W>, ...args: z.output<Args>) => Answer | Promise<Answer>;

/** True when the call comes from our renderer's main frame (not another page, an iframe or a destroyed frame). */
function fromOurRenderer(event: IpcMainInvokeEvent, source: RendererSource): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isRendererUrl(frame.url, source);
}

/** The sender's own live window, or null when the sender is not the webContents of one of our windows. */
function ownWindow(event: IpcMainInvokeEvent): BrowserWindow | null {
  const window = BrowserWindow.fromWebContents(event.sender);
  return window && !window.isDestroyed() && window.webContents === event.sender ? window : null;
}

/** Serves `channel` to our renderer only, with arguments `rules.args` accepts; anything else gets `rules.refused`. */
export function handle<Args extends ArgumentsSchema, Answer>(
  channel: Channel,
  rules: Rules<Args, Answer> & { sender?: 'frame' },
  handler: Handler<Args, Answer, BrowserWindow | null>,
): void;
/** As above, and the sender must be the webContents of one of our open windows: the handler gets that window. */
export function handle<Args extends ArgumentsSchema, Answer>(
  channel: Channel,
  rules: Rules<Args, Answer> & { sender: 'window' },
  handler: Handler<Args, Answer, BrowserWindow>,
): void;
export function handle<Args extends ArgumentsSchema, Answer>(
  channel: Channel,
  rules: Rules<Args, Answer> & { sender?: 'frame' | 'window' },
  handler: Handler<Args, Answer, BrowserWindow>,
): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    const refuse = (reason: Refusal) => {
      log.warn(reason === 'sender' ? 'ipc.sender_refused' : 'ipc.arguments_refused', { channel });
      return rules.refused(reason);
    };
    if (!fromOurRenderer(event, rules.from)) return refuse('sender');
    const window = rules.sender === 'window' ? ownWindow(event) : BrowserWindow.fromWebContents(event.sender);
    if (rules.sender === 'window' && !window) return refuse('sender');
    const parsed = rules.args.safeParse(args);
    if (!parsed.success) return refuse('arguments');
    // The overloads promise 'window' handlers a window; the check above keeps that promise.
    return handler({ sender: event.sender, window: window as BrowserWindow }, ...parsed.data);
  });
}
