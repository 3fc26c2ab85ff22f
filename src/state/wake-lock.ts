/**
 * Keeps the screen on during a call where the browser allows it (Screen Wake Lock API). Best effort: unsupported,
 * refused (e.g. a hidden page) or failed requests are ignored; the call never depends on it.
 */
interface Sentinel {
  release(): Promise<void>;
}

export function createWakeLock() {
  let sentinel: Sentinel | null = null;
  let wanted = false;

  return {
    acquire(): void {
      if (wanted) return;
      wanted = true;
      const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<Sentinel> } })
        .wakeLock;
      wakeLock
        ?.request('screen')
        .then((granted) => {
          // The call may have ended while the request was pending.
          if (wanted) sentinel = granted;
          else void granted.release().catch(() => undefined);
        })
        .catch(() => undefined);
    },
    release(): void {
      wanted = false;
      void sentinel?.release().catch(() => undefined);
      sentinel = null;
    },
  };
}
