// Builds the people's web application into web/app/dist (npm install runs it; see package.json).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Read by the bundle-size test: the first view's static imports.
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
});
