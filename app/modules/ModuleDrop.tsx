/**
 * Your own module: drop a `.wasm` file on the page (or choose one) and it becomes the image
 * `local/NAME:latest` in the built-in registry, usable by any manifest. A file that is not a WASI
 * command is refused with the reason, and nothing else changes.
 */
import { useEffect, useState } from 'react';
import { usePlayground } from '../playground/context.tsx';

type Result = { ok: true; image: string; digest: string } | { ok: false; message: string };

/** `My App.wasm` -> `my-app`: a valid repository name from a file name. */
export function moduleNameFor(fileName: string): string {
  const base = fileName.replace(/\.wasm$/i, '').toLowerCase();
  const name = base.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return name || 'module';
}

export function ModuleDrop() {
  const { images } = usePlayground();
  const [result, setResult] = useState<Result | undefined>();
  const [dragging, setDragging] = useState(false);

  const add = async (file: File) => {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const pulled = await images.addModule(moduleNameFor(file.name), bytes);
      setResult({ ok: true, image: pulled.image, digest: pulled.digest });
    } catch (e) {
      setResult({ ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  };

  // Dropping a file anywhere on the page adds it (the browser would otherwise open it).
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = () => setDragging(false);
    const drop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      setDragging(false);
      void add(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  });

  return (
    <div className={dragging ? 'module-drop dragging' : 'module-drop'}>
      <label>
        <span>Your module</span>
        <input
          type="file"
          accept=".wasm,application/wasm"
          aria-label="Add a WebAssembly module"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void add(file);
            e.target.value = '';
          }}
        />
      </label>
      {result && (
        <span role="status" aria-label="Module" className={result.ok ? 'line-ok' : 'line-error'}>
          {result.ok ? (
            <>
              image <code>{result.image}</code> ({result.digest.slice(0, 19)}…)
            </>
          ) : (
            result.message
          )}
        </span>
      )}
    </div>
  );
}
