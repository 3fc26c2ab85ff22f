import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom, StoreValue } from 'nanostores';

type Stores = Record<string, ReadableAtom<unknown>>;

/** The current value of each store, under the name it was given. */
export type StoreValues<S extends Stores> = { readonly [Name in keyof S]: StoreValue<S[Name]> };

/**
 * Subscribes the host to a named set of stores (like @nanostores/lit's MultiStoreController): the host re-renders
 * whenever one changes, and reads them all, typed, from `values`. Subscribed only while the host is connected.
 */
export class StoreController<S extends Stores> implements ReactiveController {
  #host: ReactiveControllerHost;
  #stores: S;
  #unsubscribers: (() => void)[] = [];

  constructor(host: ReactiveControllerHost, stores: S) {
    this.#stores = stores;
    (this.#host = host).addController(this);
  }

  /** Every store's current value (read at call time, so always up to date). */
  get values(): StoreValues<S> {
    const values: Record<string, unknown> = {};
    for (const [name, store] of Object.entries(this.#stores)) values[name] = store.get();
    return values as StoreValues<S>;
  }

  hostConnected(): void {
    this.#unsubscribers = Object.values(this.#stores).map((store) => store.listen(() => this.#host.requestUpdate()));
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
  }
}
