import Link from 'next/link';

export default function TranscriptNotFound() {
  return (
    <div className="card empty-state">
      <p className="empty-title">No such transcript</p>
      <p className="muted">It may have been removed, or the link is incomplete.</p>
      <Link className="button secondary" href="/transcripts">
        All transcripts
      </Link>
    </div>
  );
}
