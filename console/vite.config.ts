import { defineConfig } from 'vite';

// Builds the web console into console/dist, which `logseal serve` serves at /console/ (src/server/console.ts).
// `npm run console:dev` serves it with hot reload on :5173 and forwards the AWS API calls (POSTs) to a logseal on
// :4566 without rewriting Host, so the SigV4 signature made for the page's origin still verifies.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: '/console/',
  esbuild: { jsx: 'automatic' },
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    reportCompressedSize: false,
    // The AWS SDK clients are the bulk of the bundle; one chunk per service keeps the first page small.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/': {
        target: 'http://127.0.0.1:4566',
        bypass: (req) => (req.method === 'POST' ? undefined : req.url),
      },
    },
  },
});
