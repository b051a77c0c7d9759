import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createPlayground } from './playground/createPlayground.ts';
import { createPersistence } from './persist/persistence.ts';
import { noStorage, openStorage } from './persist/storage.ts';
import { registerOffline } from './offline/register.ts';
import { embedded } from './display.ts';
import './global.css';
import './display.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// An embed keeps nothing: every reader of a docs page starts from the page's manifest, and
// embeds of one origin on many pages would otherwise share one cluster.
const storage = embedded
  ? noStorage('an embedded playground starts fresh on every visit')
  : await openStorage();
const saved = await storage.load();
const persistence = createPersistence(storage, saved);
// One cluster per tab, made outside React so StrictMode's double renders never make two.
let playground;
try {
  playground = createPlayground(saved ? { restore: saved } : {});
} catch (e) {
  // A kept cluster this version cannot load: start a new one, keep the editor's text.
  console.error('the kept cluster could not be restored', e);
  persistence.restoreFailed(e instanceof Error ? e.message : String(e));
  playground = createPlayground();
}
persistence.start(playground);
createRoot(root).render(
  <StrictMode>
    <App playground={playground} persistence={persistence} />
  </StrictMode>,
);
registerOffline();
