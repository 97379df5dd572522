// Document checks run one at a time, most important first (visible, then active, then other open
// documents). A newer request for a document cancels its running check instead of waiting for it:
// results for a version the user has already changed are worthless.
import { isAbortError } from '../core/util/abort';

interface Waiter<R> {
  resolve: (r: R | undefined) => void;
  reject: (e: unknown) => void;
}

export class CheckQueue<R> {
  private readonly pending = new Map<string, Array<Waiter<R>>>();
  private running?: { uri: string; controller: AbortController; waiters: Array<Waiter<R>> };
  private pumping = false;

  constructor(
    private readonly runCheck: (uri: string, signal: AbortSignal) => Promise<R>,
    /** Higher runs first. */
    private readonly priority: (uri: string) => number,
  ) {}

  /**
   * Resolves with the result of the next complete check of `uri`, or undefined if cancelled.
   * Aborting `signal` withdraws only this caller: the check itself stops when no caller is left.
   */
  enqueue(uri: string, signal?: AbortSignal): Promise<R | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    if (this.running?.uri === uri) this.running.controller.abort();
    return new Promise((resolve, reject) => {
      const waiter: Waiter<R> = { resolve, reject };
      const waiters = this.pending.get(uri) ?? [];
      waiters.push(waiter);
      this.pending.set(uri, waiters);
      signal?.addEventListener('abort', () => this.withdraw(uri, waiter), { once: true });
      void this.pump();
    });
  }

  /** Drops a pending check and aborts a running one (document closed or edited). */
  cancel(uri: string): void {
    if (this.running?.uri === uri) this.running.controller.abort();
    for (const waiter of this.pending.get(uri) ?? []) waiter.resolve(undefined);
    this.pending.delete(uri);
  }

  private withdraw(uri: string, waiter: Waiter<R>): void {
    const pending = this.pending.get(uri);
    if (pending && remove(pending, waiter)) {
      if (pending.length === 0) this.pending.delete(uri);
    } else if (this.running?.uri === uri && remove(this.running.waiters, waiter)) {
      if (this.running.waiters.length === 0 && !this.pending.has(uri)) this.running.controller.abort();
    } else {
      return; // already answered
    }
    waiter.resolve(undefined);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.pending.size > 0) {
        const uri = [...this.pending.keys()].reduce((best, u) => (this.priority(u) > this.priority(best) ? u : best));
        const running = { uri, controller: new AbortController(), waiters: this.pending.get(uri)! };
        this.pending.delete(uri);
        this.running = running;
        try {
          const result = await this.runCheck(uri, running.controller.signal);
          for (const w of running.waiters) w.resolve(result);
        } catch (error) {
          if (isAbortError(error)) {
            // Superseded: a re-enqueue has already put waiters of its own; these see the next run.
            if (this.pending.has(uri)) this.pending.get(uri)!.push(...running.waiters);
            else for (const w of running.waiters) w.resolve(undefined);
          } else {
            for (const w of running.waiters) w.reject(error);
          }
        } finally {
          this.running = undefined;
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}

function remove<T>(list: T[], item: T): boolean {
  const index = list.indexOf(item);
  if (index < 0) return false;
  list.splice(index, 1);
  return true;
}
