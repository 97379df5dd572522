// Runs the NLI engine in a worker thread. onnxruntime-node executes a session synchronously on the
// calling thread, so in the server's main thread every batch would stall hovers, code actions and
// document sync; here only this thread waits.
import { parentPort, workerData } from 'node:worker_threads';
import { NliEngine, ModelError, type NliPair } from '../core/nli';
import type { WorkerReply, WorkerRequest, WorkerInit } from './engine-worker-protocol';

const port = parentPort!;
const init = workerData as WorkerInit;
const running = new Map<number, AbortController>();

const ready = NliEngine.load(init.modelDir, { threads: init.threads, labels: init.labels });
ready.then(
  (engine) => post({ type: 'loaded', modelName: engine.modelName, onnxFile: engine.onnxFile }),
  (error: unknown) => post({ type: 'loadFailed', ...describe(error) }),
);

port.on('message', async (request: WorkerRequest) => {
  if (request.type === 'abort') {
    running.get(request.id)?.abort();
    return;
  }
  if (request.type === 'dispose') {
    const engine = await ready.catch(() => undefined);
    await engine?.dispose();
    post({ type: 'disposed' });
    return;
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  try {
    const engine = await ready;
    const scores = await engine.score(request.pairs as NliPair[], controller.signal);
    post({ type: 'scored', id: request.id, scores });
  } catch (error) {
    post({ type: 'failed', id: request.id, ...describe(error) });
  } finally {
    running.delete(request.id);
  }
});

function post(reply: WorkerReply): void {
  port.postMessage(reply);
}

function describe(error: unknown): { name: string; message: string; hint?: string; path?: string } {
  if (error instanceof ModelError)
    return { name: 'ModelError', message: error.message, hint: error.hint, path: error.path };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
