// The service worker's side of the screen: registers it (built app only) and says when a new version waits to be taken.
import { registerSW } from 'virtual:pwa-register';

/** A TV that is never reloaded still learns of a new version: the worker asks the server once an hour. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

export class AppUpdate {
  /** A new version is installed and waits: the screen offers it instead of swapping it in under the operator. */
  waiting = $state(false);
  /** The app is precached: this screen can start with no network. */
  offlineReady = $state(false);
  /** Why the service worker could not be registered (the app still runs, but needs the network to start). */
  problem = $state<string | null>(null);
  private activate: ((reload?: boolean) => Promise<void>) | null = null;

  register() {
    if (!('serviceWorker' in navigator)) return;
    this.activate = registerSW({
      onNeedRefresh: () => (this.waiting = true),
      onOfflineReady: () => (this.offlineReady = true),
      onRegisteredSW: (_url, registration) => {
        if (registration) setInterval(() => void registration.update().catch(() => undefined), CHECK_EVERY_MS);
      },
      onRegisterError: (error: unknown) => (this.problem = error instanceof Error ? error.message : String(error)),
    });
  }

  /** Takes the waiting version: it becomes the active worker and the page reloads under it. */
  async update() {
    // workbox-window reloads only for an update it saw start in this page's lifetime; a version found by a later check
    // (a TV left running) counts as "external" there, so the reload is asked for here as well.
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    await this.activate?.(true);
  }

  later() {
    this.waiting = false;
  }
}

export const appUpdate = new AppUpdate();
