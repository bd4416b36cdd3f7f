import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, parseAst, type Plugin } from 'vite';
import { EARLY_HINTS } from './src/app/early-hints';

// Zod probes once for `new Function` (to compile fast parsers); under the app's CSP (script-src
// 'self', no unsafe-eval) that probe is a reported CSP violation. This line, at the top of every
// chunk, sets Zod's jitless option before Zod's own code runs in whichever chunk holds it; the
// interpreted parsers are plenty fast for these responses.
const ZOD_JITLESS = 'globalThis.__zod_globalConfig ??= {}; globalThis.__zod_globalConfig.jitless = true;';

/**
 * Lets the bundler drop the schemas of `@dash/domain` that the page's code never uses. Each
 * top-level `const X = <call>` of the domain's built modules (`z.object(…)`, `Base.extend(…)`,
 * `singleParam(…)`: schema construction) becomes `const X = /*#__PURE__*\/ (() => <call>)()`:
 * the same value computed at the same moment when X is used, and nothing at all when it is not.
 * Without it every schema stays (the bundler must assume a call has side effects), and with them
 * zod, although the page's code only uses the domain's plain helpers (formatPeriod,
 * summarizeSnapshot, …) and checks answers in a worker (lib/response-checks.ts). Schema
 * construction has no side effect the browser relies on (only `.describe()` text registered for
 * the server's OpenAPI document).
 */
const KEEP_AS_IS = new Set(['ArrowFunctionExpression', 'FunctionExpression', 'Literal', 'Identifier', 'TemplateLiteral']);

function pureDomainConstants(): Plugin {
  return {
    name: 'dash-pure-domain-constants',
    apply: 'build',
    transform: {
      filter: { id: /packages[\\/]domain[\\/]dist[\\/].*\.js$/ },
      handler(code, id) {
        const program = parseAst(code, { lang: 'js', sourceType: 'module' }, id);
        const edits: Array<{ at: number; text: string }> = [];
        for (const node of program.body) {
          const decl = node.type === 'ExportNamedDeclaration' ? node.declaration : node;
          if (decl?.type !== 'VariableDeclaration' || decl.kind !== 'const') continue;
          for (const d of decl.declarations) {
            if (!d.init || KEEP_AS_IS.has(d.init.type)) continue;
            edits.push({ at: d.init.start, text: '/*#__PURE__*/ __dashPure(() => (' }, { at: d.init.end, text: '))' });
          }
        }
        if (edits.length === 0) return null;
        let out = `${code}\nfunction __dashPure(make) { return make(); }\n`;
        for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.at);
        return { code: out, map: null };
      },
    },
  };
}

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
  plugins: [react(), earlyHints(), pureDomainConstants(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: { banner: (chunk) => (chunk.fileName.endsWith('.js') ? ZOD_JITLESS : '') },
    },
  },
  worker: {
    format: 'es',
    rolldownOptions: { output: { banner: (chunk) => (chunk.fileName.endsWith('.js') ? ZOD_JITLESS : '') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
