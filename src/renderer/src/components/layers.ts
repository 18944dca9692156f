/**
 * Esc closes only the topmost layer (a confirm over a sub-dialog over a record drawer).
 * Mantine's Modal and Drawer each close on any Esc pressed in the window, so one Esc used to close every
 * open layer at once. Layers that register here are closed one at a time, newest first; the listener is
 * added when this module loads, before any Modal mounts its own, so it can keep the Esc from them.
 */
import { useEffect, useRef } from 'react';

const layers: Array<{ close: () => void }> = [];

if (typeof window !== 'undefined') {
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || event.isComposing || layers.length === 0) return;
      // An open dropdown (select list, menu) takes the Esc itself, as Mantine's modals allow.
      if ((event.target as HTMLElement | null)?.getAttribute?.('data-mantine-stop-propagation') === 'true') return;
      event.preventDefault();
      event.stopImmediatePropagation();
      layers[layers.length - 1]?.close();
    },
    { capture: true },
  );
}

/** Registers an open layer; an Esc while it is the newest open layer calls `onEscape` (and nothing else). */
export function useEscapeLayer(opened: boolean, onEscape: () => void) {
  const latest = useRef(onEscape);
  useEffect(() => {
    latest.current = onEscape;
  });
  useEffect(() => {
    if (!opened) return;
    const layer = { close: () => latest.current() };
    layers.push(layer);
    return () => {
      const index = layers.indexOf(layer);
      if (index >= 0) layers.splice(index, 1);
    };
  }, [opened]);
}
