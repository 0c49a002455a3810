import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// `vite build ui` from the repository root: the API serves ../dist/ui at `/`.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: '../dist/ui', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://127.0.0.1:8470' } },
})
