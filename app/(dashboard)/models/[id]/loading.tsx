export default function ModelLoading() {
  return (
    <div aria-busy="true" aria-label="Loading model">
      <span className="skeleton" style={{ width: 90, marginBottom: 18 }} />
      <span className="skeleton" style={{ width: 240, height: 26, marginBottom: 8 }} />
      <span className="skeleton" style={{ width: 360, marginBottom: 20 }} />
      <div className="studio-grid">
        <div className="card">
          {Array.from({ length: 7 }, (_, i) => (
            <span key={i} className="skeleton" style={{ width: `${55 + ((i * 29) % 40)}%`, marginBottom: 12 }} />
          ))}
        </div>
        <div className="card">
          {Array.from({ length: 5 }, (_, i) => (
            <span key={i} className="skeleton" style={{ width: `${50 + ((i * 23) % 45)}%`, marginBottom: 12 }} />
          ))}
        </div>
      </div>
    </div>
  );
}
