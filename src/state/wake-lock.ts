/**
 * Keeps the screen on during a call where the browser allows it (Screen Wake Lock API). Best effort: unsupported,
 * refused (e.g. a hidden page) or failed requests are ignored; the call never depends on it.
 *
 * The browser releases a screen wake lock whenever the page is hidden (another tab, the phone's lock screen), so
 * while the lock is wanted a `visibilitychange` listener requests it again when the page is visible once more. The
 * listener exists only between `acquire()` and `release()`.
 */
interface Sentinel {
  /** True once the browser (or we) released it; absent in older implementations. */
  readonly released?: boolean;
  release(): Promise<void>;
}

type WakeLockApi = { request(type: 'screen'): Promise<Sentinel> };

export function createWakeLock() {
  let sentinel: Sentinel | null = null;
  let wanted = false;
  let requesting = false;

  function request(): void {
    const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockApi }).wakeLock;
    if (!wakeLock || requesting) return;
    requesting = true;
    wakeLock
      .request('screen')
      .then((granted) => {
        // The call may have ended while the request was pending.
        if (wanted) sentinel = granted;
        else void granted.release().catch(() => undefined);
      })
      .catch(() => undefined)
      .finally(() => {
        requesting = false;
      });
  }

  function onVisibilityChange(): void {
    if (!wanted || document.visibilityState !== 'visible') return;
    if (sentinel && sentinel.released !== true) return;
    sentinel = null;
    request();
  }

  return {
    acquire(): void {
      if (wanted) return;
      wanted = true;
      if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibilityChange);
      request();
    },
    release(): void {
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibilityChange);
      wanted = false;
      void sentinel?.release().catch(() => undefined);
      sentinel = null;
    },
  };
}
