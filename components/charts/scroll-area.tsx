'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Overflow {
  overflows: boolean;
  atStart: boolean;
  atEnd: boolean;
}

const NONE: Overflow = { overflows: false, atStart: true, atEnd: true };

/**
 * A box that scrolls sideways when its content is wider, and says so: a
 * shadow on the side with more to see and a "Scroll →" hint. While it
 * overflows it is a named, focusable region, so the keyboard can scroll it.
 */
export function ScrollArea({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  const body = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<Overflow>(NONE);

  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const update = () => {
      const overflows = el.scrollWidth > el.clientWidth + 1;
      const next = { overflows, atStart: el.scrollLeft <= 1, atEnd: el.scrollLeft + el.clientWidth >= el.scrollWidth - 1 };
      setState((s) => (s.overflows === next.overflows && s.atStart === next.atStart && s.atEnd === next.atEnd ? s : next));
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, []);

  return (
    <div className="scroll-area" data-overflow={state.overflows || undefined} data-more-left={(state.overflows && !state.atStart) || undefined} data-more-right={(state.overflows && !state.atEnd) || undefined}>
      {state.overflows ? (
        <p className="scroll-hint" aria-hidden>
          {state.atEnd ? '← Scroll' : 'Scroll →'}
        </p>
      ) : null}
      <div
        ref={body}
        className={className ? `scroll-area-body ${className}` : 'scroll-area-body'}
        role={state.overflows ? 'region' : undefined}
        aria-label={state.overflows ? `${label} (scrolls sideways)` : undefined}
        tabIndex={state.overflows ? 0 : undefined}
      >
        {children}
      </div>
    </div>
  );
}
