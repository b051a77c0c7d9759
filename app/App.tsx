import { useEffect, useState } from 'react';
import { createApiServer } from '../src/fake-apiserver/index.ts';
import { realClock } from './realClock.ts';

/** The first page: proves the API server runs in the tab. The playground UI grows from here. */
export function App() {
  const [namespaces, setNamespaces] = useState<string[]>([]);
  useEffect(() => {
    const api = createApiServer({ clock: realClock });
    void api
      .list('namespaces')
      .then((list) => setNamespaces(list.items.map((n) => n.metadata?.name ?? '')));
  }, []);
  return (
    <main>
      <h1>Kubelet Playground</h1>
      <p>A Kubernetes v1.33 kubelet you can watch, running WebAssembly pods in this tab.</p>
      <section aria-label="Namespaces">
        <h2>Namespaces</h2>
        <ul>
          {namespaces.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      </section>
    </main>
  );
}
