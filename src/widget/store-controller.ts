import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/** Re-renders the host whenever any of the given stores changes; subscribed only while the host is connected. */
export class StoreController implements ReactiveController {
  #host: ReactiveControllerHost;
  #stores: readonly ReadableAtom<unknown>[];
  #unsubscribers: (() => void)[] = [];

  constructor(host: ReactiveControllerHost, stores: readonly ReadableAtom<unknown>[]) {
    this.#stores = stores;
    (this.#host = host).addController(this);
  }

  hostConnected(): void {
    this.#unsubscribers = this.#stores.map((store) => store.listen(() => this.#host.requestUpdate()));
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
  }
}
