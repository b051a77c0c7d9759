import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { createPlayground } from './playground/createPlayground.ts';
import './global.css';
import './display.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// One cluster per tab, made outside React so StrictMode's double renders never make two.
const playground = createPlayground();
createRoot(root).render(
  <StrictMode>
    <App playground={playground} />
  </StrictMode>,
);
