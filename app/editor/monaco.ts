/**
 * Monaco with YAML and the Kubernetes schema: loaded with a dynamic import after the first paint
 * (it is most of the page's JavaScript), bundled by Vite, never fetched from a CDN.
 */
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import type { Marker } from './fieldLines.ts';
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
  const model = monaco.editor.createModel(text, 'yaml', monaco.Uri.parse('file:///manifest.yaml'));
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
  });
  const sub = model.onDidChangeContent(() => onChange(model.getValue()));
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
