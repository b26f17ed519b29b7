import { defineConfig } from 'vite';

// The console is served by the gateway from console/dist at "/", on the same
// origin as /graphql; `vite dev` proxies the API to a running `npm start`.
export default defineConfig({
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, sourcemap: false },
  server: {
    port: 5173,
    proxy: { '/graphql': { target: 'http://localhost:4000', ws: true }, '/console-api': 'http://localhost:4000' },
  },
});
