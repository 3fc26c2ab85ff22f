import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom, StoreValue } from 'nanostores';

type Stores = Record<string, ReadableAtom<unknown>>;

/** The current value of each store, under its name without a leading `$` (`$status` → `status`). */
export type StoreValues<S extends Stores> = {
  readonly [Name in keyof S as Name extends `$${infer Bare}` ? Bare : Name]: StoreValue<S[Name]>;
};

/**
 * Subscribes the host to a set of stores (like @nanostores/lit's MultiStoreController): the host re-renders whenever
 * one changes, and reads them all, typed, from `values`. Subscribed only while the host is connected.
 */
export class StoreController<S extends Stores> implements ReactiveController {
  #host: ReactiveControllerHost;
  #stores: S;
  #unsubscribers: (() => void)[] = [];
  #connected = false;

  constructor(host: ReactiveControllerHost, stores: S) {
    this.#stores = stores;
    (this.#host = host).addController(this);
  }

  /** Every store's current value (read at call time, so always up to date). */
  get values(): StoreValues<S> {
    const values: Record<string, unknown> = {};
    for (const [name, store] of Object.entries(this.#stores)) values[name.replace(/^\$/, '')] = store.get();
    return values as StoreValues<S>;
  }

  /** Follows another set of stores (the host took over another element's state). */
  use(stores: S): void {
    const connected = this.#connected;
    this.hostDisconnected();
    this.#stores = stores;
    if (connected) this.hostConnected();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#unsubscribers = Object.values(this.#stores).map((store) => store.listen(() => this.#host.requestUpdate()));
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#connected = false;
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
  }
}
