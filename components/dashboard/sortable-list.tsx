'use client';

import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { moveItem, removeAt, type Keyed } from './layout-draft';

/**
 * An ordered list the layout editor edits: drag a row by its handle (HTML5
 * drag and drop), or use its Move up / Move down buttons (the keyboard way,
 * focus staying on the row moved), or remove it. Each change is announced.
 */
export function SortableList<T>({
  label,
  items,
  onChange,
  itemName,
  renderItem,
  errors,
  announce,
  empty,
}: {
  /** the list's accessible name ("Breakdown cards") */
  label: string;
  items: Keyed<T>[];
  onChange: (items: Keyed<T>[]) => void;
  /** what a row is called in its buttons' names and announcements */
  itemName: (value: T, index: number) => string;
  renderItem: (item: Keyed<T>, index: number, update: (value: T) => void) => ReactNode;
  errors: Record<string, string[]>;
  announce: (message: string) => void;
  empty: ReactNode;
}) {
  const list = useRef<HTMLUListElement>(null);
  const [dragKey, setDragKey] = useState<string | null>(null);
  const [overKey, setOverKey] = useState<string | null>(null);
  // where focus goes once the list has re-rendered: the moved row's button, or the next row after a removal
  const focusNext = useRef<{ key: string; control: 'up' | 'down' | 'remove' } | null>(null);

  useEffect(() => {
    const want = focusNext.current;
    if (!want || !list.current) return;
    focusNext.current = null;
    const row = list.current.querySelector<HTMLElement>(`[data-key="${want.key}"]`);
    const buttons = ['up', 'down', 'remove'].map((c) => row?.querySelector<HTMLButtonElement>(`[data-control="${c}"]`));
    const preferred = row?.querySelector<HTMLButtonElement>(`[data-control="${want.control}"]`);
    const target = preferred && !preferred.disabled ? preferred : buttons.find((b) => b && !b.disabled);
    (target ?? list.current).focus();
  });

  const move = (from: number, to: number, control: 'up' | 'down' | null) => {
    const item = items[from];
    if (!item || to < 0 || to >= items.length || from === to) return;
    if (control) focusNext.current = { key: item.key, control };
    onChange(moveItem(items, from, to));
    announce(`${itemName(item.value, from)} moved to position ${to + 1} of ${items.length}.`);
  };

  const remove = (i: number) => {
    const item = items[i];
    if (!item) return;
    const neighbour = items[i + 1] ?? items[i - 1];
    focusNext.current = neighbour ? { key: neighbour.key, control: 'remove' } : null;
    onChange(removeAt(items, i));
    announce(`${itemName(item.value, i)} removed.`);
    if (!neighbour) list.current?.focus();
  };

  const onDrop = (e: DragEvent, to: number) => {
    e.preventDefault();
    const from = items.findIndex((x) => x.key === dragKey);
    setDragKey(null);
    setOverKey(null);
    if (from !== -1) move(from, to, null);
  };

  return (
    <ul className="sortable" aria-label={label} ref={list} tabIndex={-1}>
      {items.length === 0 ? <li className="sortable-empty muted">{empty}</li> : null}
      {items.map((item, i) => {
        const name = itemName(item.value, i);
        const errs = errors[item.key] ?? [];
        return (
          <li
            key={item.key}
            data-key={item.key}
            className="sortable-row"
            data-dragging={dragKey === item.key || undefined}
            data-over={(overKey === item.key && dragKey !== item.key) || undefined}
            data-invalid={errs.length > 0 || undefined}
            onDragOver={(e) => {
              if (dragKey === null) return; // a drag from another list, or from outside
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (overKey !== item.key) setOverKey(item.key);
            }}
            onDragLeave={() => setOverKey((k) => (k === item.key ? null : k))}
            onDrop={(e) => onDrop(e, i)}
          >
            <span
              className="drag-handle"
              draggable
              title={`Drag to reorder ${name}`}
              aria-hidden
              onDragStart={(e) => {
                setDragKey(item.key);
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', name);
                const row = e.currentTarget.closest('li');
                if (row) e.dataTransfer.setDragImage(row, 16, 16);
              }}
              onDragEnd={() => {
                setDragKey(null);
                setOverKey(null);
              }}
            >
              ⠿
            </span>
            <div className="sortable-body">
              {renderItem(item, i, (value) => onChange(items.map((x) => (x.key === item.key ? { ...x, value } : x))))}
              {errs.length ? (
                <ul className="field-errors" aria-label={`Problems with ${name}`}>
                  {errs.map((m, k) => (
                    <li key={k}>{m}</li>
                  ))}
                </ul>
              ) : null}
            </div>
            <div className="sortable-buttons">
              <button type="button" className="icon-button" data-control="up" aria-label={`Move ${name} up`} title="Move up" disabled={i === 0} onClick={() => move(i, i - 1, 'up')}>
                ↑
              </button>
              <button type="button" className="icon-button" data-control="down" aria-label={`Move ${name} down`} title="Move down" disabled={i === items.length - 1} onClick={() => move(i, i + 1, 'down')}>
                ↓
              </button>
              <button type="button" className="icon-button danger" data-control="remove" aria-label={`Remove ${name}`} title="Remove" onClick={() => remove(i)}>
                ×
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
