import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base so the same build loads from the browser host and from Electron's file:// / custom protocol.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
});
