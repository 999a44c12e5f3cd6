import type { Metadata } from 'next';
import { TryInference } from '@/components/api/try-inference';

export const metadata: Metadata = { title: 'API' };

export default function ApiDocsPage() {
  return (
    <>
      <h1>Public API</h1>
      <p className="lead">
        <code>POST /v2/models/inference</code> runs several models over up to 8 texts in one request. Authenticate with{' '}
        <code>Authorization: Bearer &lt;api key&gt;</code>; create keys with <code>npx callsight keys create --name NAME</code>.
      </p>
      <div className="grid charts">
        <div className="card">
          <h2>Endpoints</h2>
          <table className="data">
            <tbody>
              <tr><td><code>POST /v2/models/inference</code></td><td>classify texts with several models at once</td></tr>
              <tr><td><code>GET /v2/models</code></td><td>the models and their labels</td></tr>
              <tr><td><code>GET /v2/models/&#123;id&#125;</code></td><td>one model, its labels and active version</td></tr>
              <tr><td><a href="/v2/openapi.json"><code>GET /v2/openapi.json</code></a></td><td>the OpenAPI 3.1 document (no key needed)</td></tr>
            </tbody>
          </table>
          <h2 style={{ marginTop: 20 }}>Limits</h2>
          <p className="muted">1–8 texts of at most 10,000 characters each; a request body of at most 1 MB; 600 requests a minute per key (429 with Retry-After beyond that).</p>
        </div>
        <TryInference />
      </div>
    </>
  );
}
