import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The admin page (jira:adminPage, Custom UI): built from src/ui/admin into the resource folder manifest.yml names.
// `base: './'` because Forge serves the resource under a path of its own choosing.
export default defineConfig({
  root: fileURLToPath(new URL('./src/ui/admin', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./static/admin', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
  },
});
