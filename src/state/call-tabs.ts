/**
 * Tabs (docs/protocol.md section 9, "Tabs"): one live call per site and key. The tab whose call is live holds a Web
 * Lock named after the key for as long as it is; the others show "Call in progress in another tab" (status
 * `elsewhere`) and may move the call to themselves over a BroadcastChannel of the same name. Loaded after the config,
 * only where continuity is on and the browser has both APIs; elsewhere the widget behaves as if it had one tab.
 */
import { WidgetError } from '../api/errors.js';
import { type ResumeRecord, checkResumeRecord, deleteResumeRecord } from '../session/resume-record.js';
import type { WidgetEvent } from './machine.js';
import { type WidgetStores, isLive } from './widget-stores.js';

/** What tabs say to each other (a contract between widget versions: docs/protocol.md section 9). */
export type TabMessage =
  /** The sender's call for this key is live (sent when it connects). */
  | { kataven: 1; type: 'live' }
  /** The sender's call ended for good: the others may call again. */
  | { kataven: 1; type: 'over' }
  /** "Move call here": the sender asks the tab holding the call for it. */
  | { kataven: 1; type: 'move'; id: string }
  /** The holder's answer to `move` `id`: it has left the call quietly; `record` takes it over (null: it could not). */
  | { kataven: 1; type: 'handover'; id: string; record: ResumeRecord | null };

export interface CallTabsContext {
  clientKey: string;
  stores: WidgetStores;
  report: (event: WidgetEvent) => boolean;
  /** Leaves this tab's live call for the asking tab; what that tab needs to take it over, or null when it cannot. */
  handOver: () => ResumeRecord | null;
  /** How long "Move call here" waits for the holder's answer. */
  moveTimeoutMs?: number;
  /** After the holder's lock is released: how long the next page of its tab has to take it again. */
  releaseGraceMs?: number;
}

export interface CallTabs {
  /** Whether another tab holds the live call for this key now (answered by the lock manager, no waiting). */
  heldElsewhere(): Promise<boolean>;
  /**
   * "Move call here": loads the call code (`load`) first, so the other tab's leaving and this one's taking over are
   * close; then asks the tab holding the call to hand it over, and takes it over with what it hands over.
   */
  moveHere(load: () => Promise<{ takeOver(record: ResumeRecord): Promise<void> } | null>): Promise<void>;
  dispose(): void;
}

const callLockName = (clientKey: string): string => `kataven-call:${clientKey}`;

/**
 * Whether a live call for this key is held now, by another tab or another widget of this page (answered by the lock
 * manager, no waiting; false where it cannot tell). Also asked before the resume request a page sends early
 * (early-requests.ts): a duplicated tab has a copy of the holder's record, and spending it would take the call away.
 */
export async function callHeldInATab(clientKey: string): Promise<boolean> {
  try {
    const { held = [] } = (await navigator.locks?.query()) ?? {};
    // Exclusive: the holder's. The others only wait for it, shared, and never count as holding the call.
    return held.some((lock) => lock.name === callLockName(clientKey) && lock.mode === 'exclusive');
  } catch {
    return false;
  }
}

/** Tab coordination for `clientKey`, or null where the browser lacks Web Locks or BroadcastChannel. */
export function createCallTabs(context: CallTabsContext): CallTabs | null {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator.locks as LockManager | undefined);
  if (!locks || typeof BroadcastChannel === 'undefined') return null;
  return tabsOn(locks, context);
}

function tabsOn(locks: LockManager, context: CallTabsContext): CallTabs {
  const { clientKey, stores, report } = context;
  const name = callLockName(clientKey);
  const channel = new BroadcastChannel(name);
  const post = (message: TabMessage) => {
    try {
      channel.postMessage(message);
    } catch {
      // A closed channel (disposed): nobody is left to tell.
    }
  };
  const abort = new AbortController();
  /** Releases this tab's lock (set while it holds one). */
  let release: (() => void) | null = null;
  /** Stops waiting for the other tab's lock (set while waiting). */
  let stopWatching: (() => void) | null = null;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const moves = new Map<string, (record: ResumeRecord | null) => void>();

  const heldElsewhere = async (): Promise<boolean> => !release && (await callHeldInATab(clientKey));

  /** This tab's call is live: hold the lock until it is not (a page going away releases it too). */
  function hold(): void {
    if (release) return;
    unwatch();
    const held = new Promise<void>((resolve) => (release = resolve));
    locks.request(name, { signal: abort.signal }, () => held).catch(() => undefined);
  }

  function letGo(): void {
    release?.();
    release = null;
  }

  /**
   * Another tab holds the call: wait for its lock. Once free, its tab's next page (a link, a reload) has a moment to
   * take the call again; if none does, the call is gone from there and this tab may call.
   */
  function watch(): void {
    if (stopWatching || release) return;
    const waiting = new AbortController();
    stopWatching = () => waiting.abort();
    locks
      .request(name, { mode: 'shared', signal: waiting.signal }, () => {
        stopWatching = null;
        clearTimeout(graceTimer);
        graceTimer = setTimeout(() => {
          void heldElsewhere().then((held) => {
            // Something happened meanwhile (an `over`, a move here, disposal): that decided it.
            if (stores.$status.get() !== 'elsewhere' || abort.signal.aborted) return;
            if (held) watch();
            else report({ type: 'releasedElsewhere' });
          });
        }, context.releaseGraceMs ?? 3000);
      })
      .catch(() => undefined);
  }

  function unwatch(): void {
    stopWatching?.();
    stopWatching = null;
    clearTimeout(graceTimer);
  }

  const unlisten = stores.$status.listen((status, previous) => {
    if (isLive(status)) hold();
    else if (release) {
      letGo();
      // Moved (`elsewhere`): the tab it went to says so. Over for good: the others may call again.
      if (status !== 'elsewhere') post({ kataven: 1, type: 'over' });
    }
    if (status === 'connected' && previous !== 'reconnecting') post({ kataven: 1, type: 'live' });
    if (status === 'elsewhere') watch();
    else unwatch();
  });
  if (isLive(stores.$status.get())) hold();

  // A page going away releases its locks, but one kept in the back/forward cache might not yet: let go now, so the
  // next page of this tab finds the call free to take over.
  const onPageHide = () => letGo();
  addEventListener('pagehide', onPageHide);

  channel.onmessage = ({ data }: MessageEvent<unknown>) => {
    const message = data as Partial<TabMessage> | null;
    if (typeof message !== 'object' || message === null || message.kataven !== 1) return;
    const status = stores.$status.get();
    if (message.type === 'live' && (status === 'ready' || status === 'ended' || status === 'error')) {
      report({ type: 'heldElsewhere' });
    } else if (message.type === 'over' && status === 'elsewhere') {
      report({ type: 'releasedElsewhere' });
    } else if (message.type === 'move' && typeof message.id === 'string' && release) {
      post({ kataven: 1, type: 'handover', id: message.id, record: context.handOver() });
    } else if (message.type === 'handover' && typeof message.id === 'string') {
      moves.get(message.id)?.(checkResumeRecord(message.record) ?? null);
    }
  };

  /** Asks the tab holding the call to hand it over; the record to resume it with, or null (reported) if none came. */
  async function requestMove(): Promise<ResumeRecord | null> {
    const id = Math.random().toString(36).slice(2);
    const record = await new Promise<ResumeRecord | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), context.moveTimeoutMs ?? 3000);
      moves.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      post({ kataven: 1, type: 'move', id });
    });
    moves.delete(id);
    if (record) {
      // The copy of the holder's record this tab may have (a duplicated tab) is spent with the move.
      deleteResumeRecord(clientKey);
      return record;
    }
    if (stores.$status.get() === 'elsewhere' && !abort.signal.aborted) {
      const error = new WidgetError('call_failed', 'the tab that holds the call did not hand it over');
      report({ type: 'moveFailed', error });
    }
    return null;
  }

  let moving = false;

  return {
    heldElsewhere,
    async moveHere(load) {
      if (stores.$status.get() !== 'elsewhere' || moving) return;
      moving = true;
      stores.$error.set(null);
      try {
        const calls = await load();
        const record = calls && (await requestMove());
        if (calls && record && stores.$status.get() === 'elsewhere') await calls.takeOver(record);
      } finally {
        moving = false;
      }
    },
    dispose() {
      unlisten();
      removeEventListener('pagehide', onPageHide);
      unwatch();
      letGo();
      abort.abort();
      for (const resolve of moves.values()) resolve(null);
      channel.close();
    },
  };
}
