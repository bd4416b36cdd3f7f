import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { EARLY_HINTS } from './src/app/early-hints';

// Zod probes once for `new Function` (to compile fast parsers); under the app's CSP (script-src
// 'self', no unsafe-eval) that probe is a reported CSP violation. This line, at the top of every
// chunk, sets Zod's jitless option before Zod's own code runs in whichever chunk holds it; the
// interpreted parsers are plenty fast for these responses.
const ZOD_JITLESS = 'globalThis.__zod_globalConfig ??= {}; globalThis.__zod_globalConfig.jitless = true;';

/**
 * Writes dist/preload.json: per page path, the chunks of its page module that the entry does not
 * already load, and the API URLs it asks for first (src/app/early-hints.ts). The server sends
 * them as Link preload headers with the HTML.
 */
function earlyHints(): Plugin {
  return {
    name: 'dash-early-hints',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (file: string, seen = new Set<string>()) => {
        if (seen.has(file)) return seen;
        seen.add(file);
        for (const dep of byFile.get(file)?.imports ?? []) closure(dep, seen);
        return seen;
      };
      const entry = chunks.find((c) => c.isEntry);
      const loadedByEntry = entry ? closure(entry.fileName) : new Set<string>();
      const out: Record<string, { modules: string[]; data: Array<{ url: string; unlessQuery?: string[] }> }> = {};
      for (const [path, hints] of Object.entries(EARLY_HINTS)) {
        const page = chunks.find((c) => c.facadeModuleId?.replace(/\\/g, '/').endsWith(`/${hints.module}`));
        if (!page) this.error(`early hints: no chunk for ${hints.module}`);
        out[path] = { modules: [...closure(page.fileName)].filter((f) => !loadedByEntry.has(f)), data: hints.data };
      }
      this.emitFile({ type: 'asset', fileName: 'preload.json', source: `${JSON.stringify(out, null, 2)}\n` });
    },
  };
}

export default defineConfig({
  plugins: [react(), earlyHints()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: { output: { banner: (chunk) => (chunk.fileName.endsWith('.js') ? ZOD_JITLESS : '') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
