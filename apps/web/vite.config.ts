import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Zod probes once for `new Function` (to compile fast parsers); under the app's CSP (script-src
// 'self', no unsafe-eval) that probe is a reported CSP violation. This line, at the top of every
// chunk, sets Zod's jitless option before Zod's own code runs in whichever chunk holds it; the
// interpreted parsers are plenty fast for these responses.
const ZOD_JITLESS = 'globalThis.__zod_globalConfig ??= {}; globalThis.__zod_globalConfig.jitless = true;';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: { output: { banner: (chunk) => (chunk.fileName.endsWith('.js') ? ZOD_JITLESS : '') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
