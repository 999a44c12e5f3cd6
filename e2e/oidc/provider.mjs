// A real OpenID Connect provider (the `oidc-provider` package) for the e2e
// suite's single sign-on tests. Loopback and plain http only: never deploy it.
//
//   OIDC_PORT=3320 APP_URL=http://127.0.0.1:3300 node e2e/oidc/provider.mjs
//
// Issuer http://127.0.0.1:$OIDC_PORT, one confidential client (callsight-e2e),
// a login page that takes an e-mail and no password, and no consent page.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { Provider } from 'oidc-provider';

const PORT = Number(process.env.OIDC_PORT);
const APP_URL = (process.env.APP_URL ?? '').replace(/\/$/, '');
if (!PORT || !APP_URL) {
  console.error('set OIDC_PORT and APP_URL (e.g. OIDC_PORT=3320 APP_URL=http://127.0.0.1:3300)');
  process.exit(2);
}
const ISSUER = `http://127.0.0.1:${PORT}`;

/** The people this provider knows, by e-mail (also their subject). */
const ACCOUNTS = {
  'ann@sso.example': { name: 'Ann SSO' },
  'eve@blocked.example': { name: 'Eve Blocked' },
};

// A fresh signing key each start (instead of the package's development keys).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const provider = new Provider(ISSUER, {
  clients: [
    {
      client_id: 'callsight-e2e',
      client_secret: 'callsight-e2e-secret',
      redirect_uris: [`${APP_URL}/api/auth/callback/oidc`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // better-auth sends client_id and client_secret in the body unless told to use basic.
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'e2e', use: 'sig', alg: 'RS256' }] },
  cookies: { keys: ['callsight-e2e-oidc-cookies'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // The app asks for PKCE (S256): insist on it, so the tests notice if it stops.
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, sub) {
    const account = ACCOUNTS[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, email: sub, email_verified: true, name: account.name }) };
  },
  // Automatic consent: the client gets every OpenID scope it asks for.
  async loadExistingGrant(ctx) {
    const { client, session, provider: op } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    if (grantId) return op.Grant.find(grantId);
    const grant = new op.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
    await grant.save();
    return grant;
  },
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid, error = '', login = '') {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test SSO: sign in</title></head>
<body>
  <h1>Test SSO</h1>
  <form method="post" action="/interaction/${escape(uid)}">
    <label>E-mail <input name="login" type="email" value="${escape(login)}" autofocus required></label>
    ${error ? `<p role="alert">${escape(error)}</p>` : ''}
    <button type="submit">Sign in</button>
  </form>
</body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

/** GET shows the login form, POST signs the person in; the provider does the rest. */
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== 'login') {
    // consent is granted in loadExistingGrant, so only login ever asks the person
    res.writeHead(501, { 'content-type': 'text/plain' }).end(`prompt ${details.prompt.name} is not handled`);
    return;
  }
  if (req.method === 'POST') {
    const login = (await readForm(req)).get('login')?.trim().toLowerCase() ?? '';
    if (ACCOUNTS[login]) {
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, `No account for ${login || 'that e-mail'}.`, login));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(loginPage(details.uid));
}

const handleProvider = provider.callback();
const server = createServer((req, res) => {
  if (!/^\/interaction\/[^/]+$/.test(new URL(req.url ?? '/', ISSUER).pathname)) return handleProvider(req, res);
  interaction(req, res).catch((err) => {
    console.error('oidc provider interaction failed:', err);
    if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`interaction failed: ${err.message}`);
  });
});

provider.on('server_error', (_ctx, err) => console.error('oidc provider error:', err));

server.listen(PORT, '127.0.0.1', () => console.log(`oidc provider ready on ${ISSUER} (client callsight-e2e → ${APP_URL}/api/auth/callback/oidc)`));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
