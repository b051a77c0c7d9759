import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Every file under `dir`, as paths relative to it with `/` separators. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Offline after the first visit: writes `sw.js` (app/offline/sw.js) with the list of every file
 * the build emits and every file of public/, and a version that changes when any of them does.
 */
function offlinePrecache(): Plugin {
  return {
    name: 'offline-precache',
    apply: 'build',
    generateBundle(_options, bundle) {
      const hash = crypto.createHash('sha256');
      const emitted = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map'))
        .sort();
      for (const f of emitted) {
        const out = bundle[f]!;
        hash.update(f).update(out.type === 'chunk' ? out.code : out.source);
      }
      const publicFiles = filesUnder('public');
      for (const f of publicFiles) hash.update(f).update(fs.readFileSync(path.join('public', f)));
      const precache = {
        version: hash.digest('hex').slice(0, 16),
        files: ['./', ...emitted.filter((f) => f !== 'index.html'), ...publicFiles],
      };
      const source = fs
        .readFileSync('app/offline/sw.js', 'utf8')
        .replace('self.__PRECACHE__', JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/**
 * Of Monaco's languages, YAML only. `monaco-editor` registers some 80 languages (a chunk each)
 * and the CSS, HTML, JSON and TypeScript services: the build would emit all of them and the
 * offline cache fetch them on the first visit, though no manifest uses them. Its editor.main
 * still loads (monaco-yaml needs the worker factory it adds); only those imports are replaced.
 */
function monacoYamlOnly(): Plugin {
  const editorMain = /\/monaco-editor\/esm\/vs\/editor\/editor\.main\.js$/;
  const services = /^\.\.\/language\/(css|html|json|typescript)\/monaco\.contribution\.js$/;
  const none = '\0monaco-language-not-used';
  return {
    name: 'monaco-yaml-only',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !editorMain.test(importer.split(path.sep).join('/'))) return null;
      if (source === '../basic-languages/monaco.contribution.js') {
        const yaml = 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
        return this.resolve(yaml, importer, { skipSelf: true });
      }
      return services.test(source) ? none : null;
    },
    load: (id) => (id === none ? 'export {};' : null),
  };
}

export default defineConfig({
  plugins: [react(), monacoYamlOnly(), offlinePrecache()],
  // Worker-only dependencies are discovered late in dev and would reload the page mid-session.
  optimizeDeps: { include: ['@bjorn3/browser_wasi_shim'] },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
