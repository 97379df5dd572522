// Keeps a long `check` inside its memory budget. Reading and segmenting thousands of files makes
// garbage much faster than V8 decides to collect it: on the kernel's 5,000-file Documentation the
// heap grew to 210 MB of which 60-70 MB was live. Between files, once the used heap has grown by
// GARBAGE_ALLOWANCE past what the last collection left, one full collection returns it: a few
// collections a minute, tens of milliseconds each. The floor is low because the batch run keeps
// little alive (bounded caches, ~30-40 MB): with a 64 MB floor the heap sat at ~96 MB used.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

const FLOOR_BYTES = 32 * 1024 * 1024;
const GARBAGE_ALLOWANCE_BYTES = 16 * 1024 * 1024;

let collect: (() => void) | undefined | null;
let threshold = FLOOR_BYTES + GARBAGE_ALLOWANCE_BYTES;

/** Called between files: collects garbage when the heap has grown past the bound. */
export function boundHeap(): void {
  if (collect === null || v8.getHeapStatistics().used_heap_size < threshold) return;
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
  threshold = Math.max(FLOOR_BYTES, v8.getHeapStatistics().used_heap_size) + GARBAGE_ALLOWANCE_BYTES;
}
