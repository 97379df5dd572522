// Document checks run one at a time, most important first (visible, then active, then other open
// documents). A newer request for a document cancels its running check instead of waiting for it:
// results for a version the user has already changed are worthless.
import { isAbortError } from '../core/util/abort';

export class CheckQueue<R> {
  private readonly pending = new Map<string, Array<{ resolve: (r: R | undefined) => void; reject: (e: unknown) => void }>>();
  private running?: { uri: string; controller: AbortController };
  private pumping = false;

  constructor(
    private readonly runCheck: (uri: string, signal: AbortSignal) => Promise<R>,
    /** Higher runs first. */
    private readonly priority: (uri: string) => number,
  ) {}

  /** Resolves with the result of the next complete check of `uri`, or undefined if cancelled. */
  enqueue(uri: string): Promise<R | undefined> {
    if (this.running?.uri === uri) this.running.controller.abort();
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(uri) ?? [];
      waiters.push({ resolve, reject });
      this.pending.set(uri, waiters);
      void this.pump();
    });
  }

  /** Drops a pending check and aborts a running one (document closed or edited). */
  cancel(uri: string): void {
    if (this.running?.uri === uri) this.running.controller.abort();
    for (const waiter of this.pending.get(uri) ?? []) waiter.resolve(undefined);
    this.pending.delete(uri);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.pending.size > 0) {
        const uri = [...this.pending.keys()].reduce((best, u) => (this.priority(u) > this.priority(best) ? u : best));
        const waiters = this.pending.get(uri)!;
        this.pending.delete(uri);
        const controller = new AbortController();
        this.running = { uri, controller };
        try {
          const result = await this.runCheck(uri, controller.signal);
          for (const w of waiters) w.resolve(result);
        } catch (error) {
          if (isAbortError(error)) {
            // Superseded: a re-enqueue has already put waiters of its own; these see the next run.
            if (this.pending.has(uri)) this.pending.get(uri)!.push(...waiters);
            else for (const w of waiters) w.resolve(undefined);
          } else {
            for (const w of waiters) w.reject(error);
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
