'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

const EXAMPLE = `{
  "texts": [
    "Hi, I'm calling about my mobile broadband. I was charged 349 kr this month but my plan is supposed to be 199 kr. This has happened two months in a row and I'm really frustrated. I've been a customer for six years and I'm starting to think about switching."
  ],
  "model_settings": [
    { "model_id": 42, "max_predictions": 1 },
    { "model_id": 87, "max_predictions": 2 },
    { "model_id": 156, "max_predictions": 3 },
    { "model_id": 201, "label_filter": ["Frustrated", "Angry", "Neutral", "Satisfied"] }
  ]
}`;

/** Sends a request to the public API from the browser, with a key the user pastes (kept in memory only). */
export function TryInference() {
  const [key, setKey] = useState('');
  const [body, setBody] = useState(EXAMPLE);
  const send = useMutation({
    mutationFn: async () => {
      const res = await fetch('/v2/models/inference', {
        method: 'POST',
        headers: { Authorization: `Bearer ${key.trim()}`, 'Content-Type': 'application/json' },
        body,
      });
      return { status: res.status, text: JSON.stringify(await res.json(), null, 2) };
    },
  });
  return (
    <div className="card">
      <h2>Try it</h2>
      <label className="muted" htmlFor="api-key">API key</label>
      <input
        id="api-key"
        type="password"
        autoComplete="off"
        placeholder="cs_…"
        value={key}
        onChange={(e) => setKey(e.target.value)}
        style={{ display: 'block', width: '100%', padding: 8, margin: '4px 0 12px', border: '1px solid var(--line)', borderRadius: 8 }}
      />
      <label className="muted" htmlFor="api-body">Request body</label>
      <textarea
        id="api-body"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={14}
        spellCheck={false}
        style={{ display: 'block', width: '100%', fontFamily: 'ui-monospace, monospace', fontSize: 12.5, padding: 8, margin: '4px 0 12px', border: '1px solid var(--line)', borderRadius: 8 }}
      />
      <button
        type="button"
        onClick={() => send.mutate()}
        disabled={send.isPending || !key.trim()}
        style={{ background: 'var(--accent)', color: '#fff', border: 0, borderRadius: 8, padding: '8px 16px', cursor: 'pointer' }}
      >
        {send.isPending ? 'Sending…' : 'Send request'}
      </button>
      {send.data ? (
        <>
          <p className="muted" data-testid="try-status">HTTP {send.data.status}</p>
          <pre data-testid="try-response">{send.data.text}</pre>
        </>
      ) : null}
      {send.error ? <p style={{ color: 'var(--danger)' }}>{String(send.error)}</p> : null}
    </div>
  );
}
