/**
 * The one validated ipcMain wrapper (src/main/electron/ipc-main.ts) on its own, with a stand-in
 * `electron`: a handler registered through it runs only for our renderer's main frame (and, for
 * 'window' channels, our own window's webContents) with arguments its schema accepts, and gets the
 * parsed arguments; everything else gets the channel's refusal and the handler never runs.
 * tests/unit/electron-glue.test.ts checks the same for every real channel.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { handle, type Refusal } from '../../src/main/electron/ipc-main';
import type { RendererSource } from '../../src/main/electron/policy';
import { DIALOG_CHANNELS, PRINT_CHANNELS } from '../../src/shared/api';

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;

const fake = vi.hoisted(() => {
  const listeners = new Map<string, Listener>();
  const contents = { id: 'our window' };
  const window = { webContents: contents, isDestroyed: () => false };
  const BrowserWindow = { fromWebContents: (sender: unknown) => (sender === contents ? window : null) };
  return { listeners, contents, window, BrowserWindow, ipcMain: { handle: (channel: string, listener: Listener) => void listeners.set(channel, listener) } };
});

vi.mock('electron', () => ({ ipcMain: fake.ipcMain, BrowserWindow: fake.BrowserWindow }));

const source: RendererSource = { file: join('/app', 'out', 'renderer', 'index.html') };
const ourUrl = `${pathToFileURL(source.file).href}#/print/subjects`;
const ownFrame = { url: ourUrl, parent: null };
const foreignFrames: [string, { url: string; parent: unknown } | null][] = [
  ['another origin', { url: 'https://example.com/', parent: null }],
  ['another local file', { url: pathToFileURL(join('/app', 'out', 'renderer', 'other.html')).href, parent: null }],
  ['a file on another host', { url: `file://evil-host${pathToFileURL(source.file).pathname}`, parent: null }],
  ['an iframe inside our page', { url: ourUrl, parent: { url: ourUrl } }],
  ['a destroyed frame', null],
];

const event = (senderFrame: unknown, sender: unknown = fake.contents) => ({ senderFrame, sender });

/** Registers a spy handler through the wrapper and returns it with the listener Electron would call. */
function register(sender?: 'window') {
  const handler = vi.fn(async (_caller: unknown, name: string, copies: number) => `${name}×${copies}`);
  const refused = vi.fn((reason: Refusal) => `refused: ${reason}`);
  const args = z.tuple([z.string().min(1), z.number().int().default(1)]);
  const channel = sender ? PRINT_CHANNELS.savePdf : DIALOG_CHANNELS.pickExportFile;
  if (sender) handle(channel, { from: source, args, refused, sender }, handler);
  else handle(channel, { from: source, args, refused }, handler);
  const listener = fake.listeners.get(channel);
  if (!listener) throw new Error(`nothing registered on ${channel}`);
  return { handler, refused, call: (e: unknown, ...callArgs: unknown[]) => listener(e, ...callArgs) };
}

beforeEach(() => fake.listeners.clear());

describe('handle()', () => {
  it.each(foreignFrames)('refuses a call from %s without running the handler', async (_name, frame) => {
    for (const channel of [register(), register('window')]) {
      expect(await channel.call(event(frame), 'ban-in', 2)).toBe('refused: sender');
      expect(channel.handler).not.toHaveBeenCalled();
    }
  });

  it("refuses a 'window' channel from a sender that is not one of our windows, our page in its frame or not", async () => {
    const channel = register('window');
    expect(await channel.call(event(ownFrame, { id: 'a webview' }), 'ban-in', 2)).toBe('refused: sender');
    fake.window.isDestroyed = () => true;
    try {
      expect(await channel.call(event(ownFrame), 'ban-in', 2)).toBe('refused: sender');
    } finally {
      fake.window.isDestroyed = () => false;
    }
    expect(channel.handler).not.toHaveBeenCalled();
  });

  it('refuses arguments the schema does not accept before the handler runs, and says why', async () => {
    for (const channel of [register(), register('window')]) {
      for (const args of [[], [''], [42, 2], ['ban-in', 'two'], ['ban-in', 2, 'more']]) {
        expect(await channel.call(event(ownFrame), ...args), JSON.stringify(args)).toBe('refused: arguments');
      }
      expect(channel.handler).not.toHaveBeenCalled();
      expect(channel.refused.mock.calls.every(([reason]) => reason === 'arguments')).toBe(true);
    }
  });

  it('checks the sender before the arguments', async () => {
    const channel = register();
    expect(await channel.call(event(null), 42)).toBe('refused: sender');
  });

  it('runs the handler for our page with the parsed arguments, the sender and its window', async () => {
    const channel = register();
    expect(await channel.call(event(ownFrame), 'ban-in')).toBe('ban-in×1');
    expect(channel.handler).toHaveBeenCalledWith({ sender: fake.contents, window: fake.window }, 'ban-in', 1);

    const printing = register('window');
    expect(await printing.call(event(ownFrame), 'ban-in', 3)).toBe('ban-in×3');
    expect(printing.handler).toHaveBeenCalledWith({ sender: fake.contents, window: fake.window }, 'ban-in', 3);
  });

  it("serves a 'frame' channel to our page in a webContents without a window, with no window", async () => {
    const channel = register();
    const loose = { id: 'no window' };
    expect(await channel.call(event(ownFrame, loose), 'ban-in', 2)).toBe('ban-in×2');
    expect(channel.handler).toHaveBeenCalledWith({ sender: loose, window: null }, 'ban-in', 2);
  });
});
