import Link from 'next/link';

export default function ModelNotFound() {
  return (
    <div className="card empty-state">
      <p className="empty-title">No such model or version</p>
      <p className="muted">It may have been removed, or the link is incomplete.</p>
      <Link className="button secondary" href="/models">
        All models
      </Link>
    </div>
  );
}
