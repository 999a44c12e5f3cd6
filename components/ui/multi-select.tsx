'use client';

import { usePopover } from '@/components/ui/use-popover';
import { useMemo, useState } from 'react';

export interface MultiSelectOption {
  value: string;
  count?: number;
}

const SEARCH_FROM = 9;
const SHOWN = 100;

/**
 * A button that opens a checkbox list: pick several values of one field.
 * Closes on Escape (focus back on the button) and on a click outside; with
 * many values a search box narrows the list.
 */
export function MultiSelect({
  label,
  options,
  selected,
  onChange,
  disabled,
}: {
  label: string;
  options: MultiSelectOption[];
  selected: string[];
  onChange: (values: string[]) => void;
  disabled?: boolean;
}) {
  const { open, setOpen, toggle: toggleOpen, root, button, id: listId, popClass } = usePopover();
  const [search, setSearch] = useState('');

  // Selected values the data no longer holds stay listed, so they can be unticked.
  const all = useMemo((): MultiSelectOption[] => {
    const known = new Set(options.map((o) => o.value));
    const missing: MultiSelectOption[] = selected.filter((s) => !known.has(s)).map((value) => ({ value }));
    return [...missing, ...options];
  }, [options, selected]);
  const needle = search.trim().toLowerCase();
  const matching = needle ? all.filter((o) => o.value.toLowerCase().includes(needle)) : all;
  const shown = matching.slice(0, SHOWN);

  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);

  return (
    <div className="ms" ref={root}>
      <button
        ref={button}
        type="button"
        className="ms-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={listId}
        data-active={selected.length > 0 || undefined}
        disabled={disabled}
        onClick={toggleOpen}
      >
        {label}
        {selected.length > 0 ? <span className="ms-count">{selected.length}</span> : null}
        <span className="ms-caret" aria-hidden>
          ▾
        </span>
      </button>
      {open ? (
        <div className={popClass} id={listId} role="group" aria-label={label}>
          {all.length >= SEARCH_FROM ? (
            <input className="ms-search" type="search" placeholder={`Find ${label.toLowerCase()}…`} aria-label={`Find ${label.toLowerCase()}`} value={search} onChange={(e) => setSearch(e.target.value)} autoFocus />
          ) : null}
          <ul className="ms-list">
            {shown.map((o) => (
              <li key={o.value}>
                <label className="ms-option">
                  <input type="checkbox" checked={selected.includes(o.value)} onChange={() => toggle(o.value)} />
                  <span className="ms-value">{o.value}</span>
                  {o.count !== undefined ? <span className="ms-n">{o.count.toLocaleString('en')}</span> : null}
                </label>
              </li>
            ))}
            {shown.length === 0 ? <li className="ms-none">No match</li> : null}
          </ul>
          {matching.length > SHOWN ? <p className="ms-more">{matching.length - SHOWN} more: type to narrow</p> : null}
          {selected.length > 0 ? (
            <button type="button" className="ms-clear" onClick={() => onChange([])}>
              Clear {label.toLowerCase()}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
