// Keeps a long `check` inside its memory budget. Reading and segmenting thousands of files makes
// garbage much faster than V8 decides to collect it: on the kernel's 5,000-file Documentation the
// heap grew to 210 MB of which 70 MB was live, which alone broke the 300 MB budget (the model's
// native memory is the other ~200 MB). Between files, when the heap has grown past a bound, one
// full collection returns it; it costs tens of milliseconds a few times a minute.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

const HEAP_BOUND_BYTES = 96 * 1024 * 1024;

let collect: (() => void) | undefined | null;

/** Called between files: collects garbage when the heap is past the bound. */
export function boundHeap(): void {
  if (collect === null) return;
  if (v8.getHeapStatistics().total_heap_size < HEAP_BOUND_BYTES) return;
  if (collect === undefined) {
    try {
      // `gc` is only exposed by the --expose-gc flag; setting it now exposes it to new contexts.
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null; // not available on this runtime: the budget is then V8's own business
      return;
    }
  }
  collect!();
}
