/**
 * How the page is shown: presenter mode (large fonts and high contrast for a projector; `?present=1`
 * or Alt+P) and embed mode (a compact layout for an iframe in a docs page; `?embed=1`). Editor and
 * terminal read the font size from here and follow changes.
 */
const params = new URLSearchParams(location.search);
let present = params.get('present') === '1';
export const embedded = params.get('embed') === '1';
const listeners = new Set<() => void>();

export const display = {
  get present(): boolean {
    return present;
  },
  setPresent(on: boolean): void {
    if (on === present) return;
    present = on;
    document.documentElement.classList.toggle('present', on);
    listeners.forEach((l) => l());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** The code font size for the editor and the terminal. */
  codeFontSize(): number {
    return present ? 20 : 13;
  },
};

document.documentElement.classList.toggle('present', present);
document.documentElement.classList.toggle('embed', embedded);
window.addEventListener('keydown', (e) => {
  if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyP') {
    e.preventDefault();
    display.setPresent(!present);
  }
});
