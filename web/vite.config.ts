import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The server serves web/dist with pre-compressed copies: .br for browsers that take it, .gz otherwise.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), compression({ algorithms: ['gzip', 'brotliCompress'], threshold: 0 })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/docs': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
