/**
 * Counts down to a deadline (the server's Retry-After): while it is in the future, the host re-renders once a second,
 * so a "Retry in 3 s" label counts down and then enables. No timer is left once the deadline passes or the host goes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class CountdownController implements ReactiveController {
  #host: ReactiveControllerHost;
  #deadline: () => number;
  #now: () => number;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** @param deadline epoch ms to count down to (0: none), read after every update */
  constructor(host: ReactiveControllerHost, deadline: () => number, now: () => number = Date.now) {
    this.#deadline = deadline;
    this.#now = now;
    (this.#host = host).addController(this);
  }

  /** Whole seconds left, 0 once the deadline has passed. */
  get secondsLeft(): number {
    return Math.max(0, Math.ceil((this.#deadline() - this.#now()) / 1000));
  }

  hostUpdated(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#deadline() > this.#now()) this.#timer = setTimeout(() => this.#host.requestUpdate(), 1000);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
