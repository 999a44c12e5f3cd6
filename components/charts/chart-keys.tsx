'use client';

import { useRef, useState, type KeyboardEvent } from 'react';
import { DefaultZIndexes, usePlotArea, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';

export interface ChartKey {
  /** the category's value on the chart's category axis (a label, a period) */
  category: string;
  /** what a screen reader says: the value and what activating it does */
  name: string;
  onActivate: () => void;
}

/**
 * The keyboard's way into a chart's clickable bars: one named button per
 * category band, drawn over the chart (the mouse goes through it to the
 * bars), with a focus ring around the band. One tab stop for the whole chart:
 * the arrow keys (and Home/End) move between bands, Enter or Space acts like
 * a click. Rendered inside a Recharts chart, whose category scale places it.
 */
export function ChartKeys({ keys, axis, name, onFocusKey }: { keys: ChartKey[]; axis: 'x' | 'y'; name: string; onFocusKey?: (index: number | null) => void }) {
  const plot = usePlotArea();
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const [active, setActive] = useState(0);
  const refs = useRef<(SVGRectElement | null)[]>([]);
  const scale = axis === 'x' ? xScale : yScale;
  if (!plot || !scale || keys.length === 0) return null;
  const current = Math.min(active, keys.length - 1);

  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(keys.length - 1, i));
    setActive(next);
    refs.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<SVGRectElement>, i: number) => {
    const step: Record<string, number> = axis === 'x' ? { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 1, ArrowUp: -1 } : { ArrowDown: 1, ArrowUp: -1, ArrowRight: 1, ArrowLeft: -1 };
    if (e.key in step) moveTo(i + step[e.key]!);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(keys.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') keys[i]?.onActivate();
    else return;
    e.preventDefault();
  };

  return (
    <ZIndexLayer zIndex={DefaultZIndexes.activeBar}>
      <g role="group" aria-label={name} className="chart-keys">
        {keys.map((k, i) => {
          const start = scale(k.category, { position: 'start' });
          const end = scale(k.category, { position: 'end' });
          if (start === undefined || end === undefined) return null;
          const band = Math.abs(end - start);
          const from = Math.min(start, end);
          const box = axis === 'x' ? { x: from, y: plot.y, width: band, height: plot.height } : { x: plot.x, y: from, width: plot.width, height: band };
          return (
            <rect
              key={k.category}
              ref={(el) => {
                refs.current[i] = el;
              }}
              className="chart-key"
              {...box}
              rx={4}
              role="button"
              tabIndex={i === current ? 0 : -1}
              aria-label={k.name}
              onFocus={() => {
                setActive(i);
                onFocusKey?.(i);
              }}
              onBlur={() => onFocusKey?.(null)}
              onKeyDown={(e) => onKeyDown(e, i)}
            />
          );
        })}
      </g>
    </ZIndexLayer>
  );
}
