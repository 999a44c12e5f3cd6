/** A labelled progress bar (0–1); `tone` colours a failure. */
export function ProgressBar({ value, label, tone }: { value: number; label: string; tone?: 'failed' | 'done' }) {
  const pct = Math.round(100 * Math.max(0, Math.min(1, value)));
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-tone={tone}>
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}

export function StatusBadge({ status, active = false }: { status: string; active?: boolean }) {
  return (
    <span className="status-badge" data-status={active ? 'active' : status}>
      {active ? 'active' : status}
    </span>
  );
}
