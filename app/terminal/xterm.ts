/** xterm.js and its fit addon, loaded with a dynamic import so they are not in the first paint. */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

export type { Terminal };

export function createXterm(host: HTMLElement): { term: Terminal; dispose(): void } {
  const term = new Terminal({
    convertEol: true,
    scrollback: 5000,
    fontSize: 13,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    theme: { background: '#1e1e1e', foreground: '#e6e6e6', red: '#ff6b6b' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  fit.fit();
  const observer = new ResizeObserver(() => fit.fit());
  observer.observe(host);
  return {
    term,
    dispose() {
      observer.disconnect();
      term.dispose();
    },
  };
}
