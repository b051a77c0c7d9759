/**
 * The cluster's keeping: whether it is saved in this browser, "Reset cluster" to start over, and
 * export and import of the whole cluster as one YAML file.
 */
import { useRef, useState, useSyncExternalStore } from 'react';
import { usePlayground } from '../playground/context.tsx';
import type { Persistence } from './persistence.ts';

export function ClusterMenu(props: { persistence: Persistence; onMessage(text: string): void }) {
  const { persistence, onMessage } = props;
  const playground = usePlayground();
  const state = useSyncExternalStore(persistence.subscribe, () => persistence.state);
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const { storage } = persistence;

  const status = !storage.available
    ? `Not saved: ${storage.reason ?? 'no storage'}`
    : state.error
      ? `Not saved: ${state.error}`
      : state.savedAt !== undefined
        ? 'Saved in this browser'
        : 'Saving in this browser';

  const reset = async () => {
    if (!confirm('Start over with an empty cluster? Every pod, log and added module goes.')) return;
    await persistence.reset();
    location.reload();
  };

  // Export and import load their code (the YAML printer, kubectl create) when first used.
  const transfer = () => import('./transfer.ts');

  const exportYaml = async () => {
    const { exportCluster } = await transfer();
    const text = await exportCluster(playground.server);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'kubelet-playground-cluster.yaml';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const importYaml = async (f: File) => {
    setBusy(true);
    try {
      const { ManifestError, prepareImport, runKubectl } = await transfer();
      let stdin: string;
      try {
        stdin = prepareImport(await f.text());
      } catch (e) {
        const where = e instanceof ManifestError ? ` (line ${e.line})` : '';
        onMessage(`Import of ${f.name} refused${where}: ${e instanceof Error ? e.message : e}`);
        return;
      }
      let out = '';
      await runKubectl(['create', '-f', '-'], {
        client: playground.server.client('kubectl'),
        clock: playground.clock,
        stdin,
        out: (t) => (out += t),
        err: (t) => (out += t),
      }).done;
      onMessage(`Imported ${f.name}: ${out.trim().split('\n').join('; ')}`);
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  };

  return (
    <div className="cluster-menu">
      <span
        className={storage.available && !state.error ? 'save-state' : 'save-state unsaved'}
        role="status"
        aria-label="Saved state"
        title={
          storage.available
            ? 'The cluster, its logs, the clock and the editor are kept in IndexedDB and come back after a reload.'
            : 'Nothing is kept: a reload starts over.'
        }
      >
        {status}
      </span>
      <button type="button" onClick={() => void reset()}>
        Reset cluster
      </button>
      <button type="button" onClick={() => void exportYaml()}>
        Export
      </button>
      <label className="import">
        <span>Import</span>
        <input
          ref={file}
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml"
          aria-label="Import a cluster from a YAML file"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importYaml(f);
          }}
        />
      </label>
    </div>
  );
}
