'use client';

import { useState, type ReactNode } from 'react';

/** A secret shown once (a setup link, an API key): selectable text, a Copy button, and what to know about it. */
export function SecretBox({ label, value, note }: { label: ReactNode; value: string; note: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = () =>
    navigator.clipboard
      .writeText(value)
      .then(() => setCopied('yes'))
      .catch(() => setCopied('no'));
  return (
    <div role="status" style={{ display: 'grid', gap: 6, margin: '10px 0' }}>
      <p className="form-ok">{label}</p>
      <div className="secret" data-testid="secret">
        {value}
      </div>
      <p className="muted" style={{ margin: 0 }}>
        {note}{' '}
        <button type="button" className="link-button" onClick={copy}>
          Copy
        </button>
        {copied === 'yes' ? ' · copied' : copied === 'no' ? ' · could not copy: select the text instead' : null}
      </p>
    </div>
  );
}
