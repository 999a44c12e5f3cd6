export default function TranscriptLoading() {
  return (
    <div aria-busy="true" aria-label="Loading transcript">
      <span className="skeleton" style={{ width: 110, marginBottom: 18 }} />
      <span className="skeleton" style={{ width: 220, height: 26, marginBottom: 8 }} />
      <span className="skeleton" style={{ width: 300, marginBottom: 20 }} />
      <div className="detail">
        <div className="card detail-main">
          {Array.from({ length: 12 }, (_, i) => (
            <span key={i} className="skeleton" style={{ width: `${60 + ((i * 37) % 40)}%`, marginBottom: 10 }} />
          ))}
        </div>
        <div className="card detail-side">
          {Array.from({ length: 8 }, (_, i) => (
            <span key={i} className="skeleton" style={{ width: `${50 + ((i * 23) % 45)}%`, marginBottom: 12 }} />
          ))}
        </div>
      </div>
    </div>
  );
}
