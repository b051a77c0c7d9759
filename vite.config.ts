import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Worker-only dependencies are discovered late in dev and would reload the page mid-session.
  optimizeDeps: { include: ['@bjorn3/browser_wasi_shim'] },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
