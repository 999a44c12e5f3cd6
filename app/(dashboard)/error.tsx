'use client';

import { useEffect } from 'react';

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="card empty-state" role="alert">
      <p className="empty-title">This page could not be shown</p>
      <p className="muted">{error.digest ? `Something went wrong on our side (reference ${error.digest}).` : error.message}</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
