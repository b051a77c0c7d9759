/**
 * Monaco with YAML and the Kubernetes schema: loaded with a dynamic import after the first paint
 * (it is most of the page's JavaScript), bundled by Vite, never fetched from a CDN.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import type { Marker } from './fieldLines.ts';
import { isLongManifest } from './longManifest.ts';
import { manifestSchema } from './schema.ts';
import { display } from '../display.ts';
import YamlWorker from './yaml.worker.ts?worker';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'yaml' ? new YamlWorker() : new EditorWorker(),
};

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  schemas: [
    {
      uri: 'inmemory://kubernetes/v1.33/manifest.schema.json',
      fileMatch: ['**/manifest.yaml'],
      schema: manifestSchema as never,
    },
  ],
});

/**
 * A long manifest is YAML highlighted as Monaco's own YAML is, under a language of its own that
 * the YAML worker does not serve: no schema check as it changes, no hovers, completion or code
 * actions, each of which would have the worker parse the whole buffer (longManifest.ts).
 * It is folded by indentation, which the editor computes itself: the worker's folding ranges for
 * 1,000 pods were a 570 KB answer that the page took 50-70 ms to receive. Apply checks every
 * document either way.
 */
const LONG_YAML = 'yaml-long';
const yamlTokens = () => import('monaco-editor/esm/vs/basic-languages/yaml/yaml.js');
monaco.languages.register({ id: LONG_YAML });
monaco.languages.registerTokensProviderFactory(LONG_YAML, {
  create: async () => (await yamlTokens()).language,
});
monaco.languages.onLanguageEncountered(LONG_YAML, () => {
  void yamlTokens().then(({ conf }) => monaco.languages.setLanguageConfiguration(LONG_YAML, conf));
});

/** What the editor does with a manifest of `length` characters. */
const modeFor = (length: number) =>
  isLongManifest(length)
    ? { language: LONG_YAML, folding: 'indentation' as const }
    : { language: 'yaml', folding: 'auto' as const };

export interface ManifestEditor {
  setValue(text: string): void;
  setMarkers(markers: Marker[]): void;
  focus(): void;
  dispose(): void;
}

export function createManifestEditor(
  container: HTMLElement,
  text: string,
  onChange: (text: string) => void,
  onApply: () => void,
): ManifestEditor {
  let mode = modeFor(text.length);
  const model = monaco.editor.createModel(
    text,
    mode.language,
    monaco.Uri.parse('file:///manifest.yaml'),
  );
  const editor = monaco.editor.create(container, {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: display.codeFontSize(),
    scrollBeyondLastLine: false,
    tabSize: 2,
    ariaLabel: 'Manifest',
    quickSuggestions: { strings: true, other: true, comments: false },
    // Sticky scroll from indentation, which is YAML's nesting, computed in the editor. Its
    // default (the outline) asks the YAML worker for every document's symbols after each edit:
    // 4.7 MB for a 1,000-pod manifest, a 100-250 ms task to receive on the page.
    stickyScroll: { enabled: true, defaultModel: 'indentationModel' },
    foldingStrategy: mode.folding,
    // Hovers and suggestions may reach past the editor's narrow panel: a field's description
    // would otherwise be cut at the panel's edge.
    fixedOverflowWidgets: true,
  });
  const sub = model.onDidChangeContent(() => {
    const wanted = modeFor(model.getValueLength());
    if (wanted.language !== mode.language) {
      mode = wanted;
      monaco.editor.setModelLanguage(model, mode.language);
      editor.updateOptions({ foldingStrategy: mode.folding });
    }
    onChange(model.getValue());
  });
  const unsubscribe = display.subscribe(() =>
    editor.updateOptions({ fontSize: display.codeFontSize() }),
  );
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, onApply);
  let shownMarkers = 0;
  return {
    setValue(next) {
      if (next !== model.getValue()) model.setValue(next);
    },
    setMarkers(markers) {
      // A clean apply after a clean apply changes nothing: telling Monaco anyway re-renders the
      // editor in the very frame that the new pod's first output is waiting behind.
      if (markers.length === 0 && shownMarkers === 0) return;
      shownMarkers = markers.length;
      monaco.editor.setModelMarkers(
        model,
        'apply',
        markers.map((m) => ({
          startLineNumber: m.startLine,
          startColumn: m.startColumn,
          endLineNumber: m.endLine,
          endColumn: m.endColumn,
          message: m.message,
          severity:
            m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        })),
      );
    },
    focus: () => editor.focus(),
    dispose() {
      unsubscribe();
      sub.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
