/**
 * Registers the service worker that keeps the app usable offline after the first visit (built
 * apps only: the dev server serves changing files). A browser that refuses service workers here
 * (a third-party iframe with storage blocked, a private window) simply runs online.
 */
export function registerOffline(): void {
  if (!import.meta.env.PROD) return;
  try {
    if (!('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('./sw.js').catch((e: unknown) => {
      console.info('offline use is not available here:', e);
    });
  } catch (e) {
    console.info('offline use is not available here:', e);
  }
}
