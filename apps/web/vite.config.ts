import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { EARLY_HINTS } from './src/app/early-hints';

/**
 * Writes dist/preload.json: per page path, the stylesheets and scripts the page needs first (the
 * entry and its static imports, in that order, then the chunks of its page module that the entry
 * does not already load), and the API URLs it asks for first (src/app/early-hints.ts). The server
 * sends them as Link preload headers with the HTML, in that order: the browser opens at most six
 * connections to the server (HTTP/1.1), so what it asks for first comes first, and the entry,
 * needed before anything runs, used to wait behind the page's chunks and data.
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
      const styles = entry ? [...(entry.viteMetadata?.importedCss ?? [])] : [];
      const out: Record<
        string,
        { styles: string[]; modules: string[]; data: Array<{ url: string; unlessQuery?: string[] }> }
      > = {};
      for (const [path, hints] of Object.entries(EARLY_HINTS)) {
        const page = chunks.find((c) => c.facadeModuleId?.replace(/\\/g, '/').endsWith(`/${hints.module}`));
        if (!page) this.error(`early hints: no chunk for ${hints.module}`);
        out[path] = {
          styles,
          modules: [...loadedByEntry, ...[...closure(page.fileName)].filter((f) => !loadedByEntry.has(f))],
          data: hints.data,
        };
      }
      this.emitFile({ type: 'asset', fileName: 'preload.json', source: `${JSON.stringify(out, null, 2)}\n` });
    },
  };
}

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) twin of every script and
 * stylesheet in dist/assets, which the server sends as they are (@fastify/static `preCompressed`)
 * instead of compressing each file again on every request: that was ~25 ms of server CPU per
 * page load, on the path to the first chart.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'dash-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const dir = join(outDir, 'assets');
      for (const name of readdirSync(dir)) {
        if (!/\.(js|css)$/.test(name)) continue;
        const body = readFileSync(join(dir, name));
        if (body.length < 1024) continue;
        writeFileSync(join(dir, `${name}.br`), brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(join(dir, `${name}.gz`), gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), earlyHints(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
