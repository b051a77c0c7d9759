import type { Persistence } from '../persist/persistence.ts';
import type { Playground } from './createPlayground.ts';

declare global {
  interface Window {
    /** The running playground, for the browser console, benchmarks and tests (set by App). */
    kubeletPlayground?: {
      playground: Playground;
      setManifest(text: string): void;
      persistence: Persistence;
    };
  }
}
