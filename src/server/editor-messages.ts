// What the server tells the user about the model, in requests' errors and in window/showMessage
// for editors other than ours (which show their own buttons).
import type { ModelState } from './model-host';

/** A check request's error while no model is ready. */
export function modelUnavailable(state: ModelState): string {
  switch (state.kind) {
    case 'loading':
      return `The NLI model is still loading (${state.model}).`;
    case 'none':
    case 'error':
      return `${state.message} ${state.hint}`;
    default:
      return 'The NLI model is not available.';
  }
}

/** The missing- or broken-model message for editors other than ours, with the step that fixes it there. */
export function modelMessageForEditors(state: Extract<ModelState, { kind: 'none' | 'error' }>): string {
  if (state.kind === 'none' && state.download) {
    const id = state.download.id;
    return `Consistency Checker: the NLI model '${id}' is not installed, so nothing is checked. Install it with "consistency-check model pull ${id}" in a terminal, or set consistency.model to a model folder.`;
  }
  return `Consistency Checker: ${state.message} ${state.hint}`;
}

/** Messages already shown, so one problem is one notification, not one per check. */
export class ShownOnce {
  private readonly texts = new Set<string>();
  first(text: string): boolean {
    if (this.texts.has(text)) return false;
    this.texts.add(text);
    return true;
  }
  forgetMatching(part: string): void {
    for (const text of this.texts) if (text.includes(part)) this.texts.delete(text);
  }
}
