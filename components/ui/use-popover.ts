'use client';

import { useEffect, useId, useRef, useState } from 'react';

/** Width of a filter menu (.ms-pop): a menu whose button sits closer than this to the right edge opens leftwards. */
const POP_WIDTH = 320;

/**
 * A button that opens a menu beside it (the filter menus, "More filters", the
 * column picker): a click outside or Escape closes it, Escape puts focus back
 * on the button (so the keyboard user is where they started), and a menu
 * opened near the right edge opens leftwards so none of it is off-screen.
 */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const [alignRight, setAlignRight] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const inside = root.current?.contains(document.activeElement) ?? false;
      setOpen(false);
      if (inside || document.activeElement === document.body) button.current?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const toggle = () => {
    const box = button.current?.getBoundingClientRect();
    setAlignRight(box !== undefined && box.left + POP_WIDTH > window.innerWidth - 12);
    setOpen((o) => !o);
  };

  return { open, setOpen, toggle, root, button, id, popClass: alignRight ? 'ms-pop right' : 'ms-pop' };
}
