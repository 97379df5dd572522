// Keeps `consistency/status` up to date (the status bar), throttling progress so the client is
// not flooded.
import type { ServerStatus } from '../common/protocol';
import type { ModelState } from './model-host';

export class StatusReporter {
  current: ServerStatus = { state: 'starting', message: 'Starting' };
  private lastProgress = 0;

  constructor(
    private readonly send: (status: ServerStatus) => void,
    private readonly now: () => number = Date.now,
  ) {}

  fromModel(state: ModelState): void {
    switch (state.kind) {
      case 'loading':
        return this.set({ state: 'loadingModel', message: 'Loading model', model: state.model });
      case 'ready':
        return this.set({ state: 'ready', message: 'Ready', model: state.engine.modelName });
      case 'none':
        return this.set({
          state: 'noModel',
          message: state.download ? 'Model not installed' : 'No model',
          detail: `${state.message} ${state.hint}`,
          download: state.download && {
            id: state.download.id,
            repo: state.download.repository,
            size: state.download.downloadSize,
          },
        });
      case 'error':
        return this.set({
          state: 'error',
          message: 'Model error',
          model: state.model,
          detail: `${state.message} ${state.hint}`,
        });
    }
  }

  progress(done: number, total: number): void {
    const now = this.now();
    if (done < total && now - this.lastProgress < 200) return;
    this.lastProgress = now;
    if (done >= total)
      this.set({ ...this.current, state: 'ready', message: 'Ready', done: undefined, total: undefined });
    else this.set({ ...this.current, state: 'checking', message: `Checking ${done} of ${total} pairs`, done, total });
  }

  checkingFiles(done: number, total: number): void {
    this.set({ ...this.current, state: 'checking', message: `Checking ${done} of ${total} files`, done, total });
  }

  ready(state: ModelState): void {
    this.fromModel(state);
  }

  private set(status: ServerStatus): void {
    this.current = status;
    this.send(status);
  }
}
