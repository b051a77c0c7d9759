/** xterm.js and its fit addon, loaded with a dynamic import so they are not in the first paint. */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { display } from '../display.ts';

export type { Terminal };

export function createXterm(host: HTMLElement): { term: Terminal; dispose(): void } {
  const term = new Terminal({
    convertEol: true,
    scrollback: 5000,
    fontSize: display.codeFontSize(),
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    theme: { background: '#1e1e1e', foreground: '#e6e6e6', red: '#ff6b6b' },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  fit.fit();
  const observer = new ResizeObserver(() => fit.fit());
  observer.observe(host);
  const unsubscribe = display.subscribe(() => {
    term.options.fontSize = display.codeFontSize();
    fit.fit();
  });
  return {
    term,
    dispose() {
      unsubscribe();
      observer.disconnect();
      term.dispose();
    },
  };
}
