// Pinning, unpinning, editing and listing claims; dismissing and restoring findings; "go to
// claim"; and the server commands (workspace/executeCommand) that do the same for other editors.
import { URI } from 'vscode-uri';
import {
  DismissFindingRequest,
  ListClaimsRequest,
  ListDismissedRequest,
  PinClaimRequest,
  RestoreDismissalRequest,
  UnpinClaimRequest,
  UpdateClaimRequest,
  type ClaimInfo,
  type DismissFindingParams,
  type PinClaimParams,
  type UnpinClaimParams,
} from '../../common/protocol';
import { ServerCommands } from '../../common/commands';
import * as valid from '../request-params';
import type { ServerContext } from '../server-context';

export function registerClaimRequests(ctx: ServerContext): void {
  const { connection, documents, claims, checker, cross } = ctx;

  const pin = async (params: PinClaimParams): Promise<ClaimInfo> => {
    const document = params.uri ? documents.get(params.uri) : undefined;
    let text = params.text?.trim();
    let range = params.range;
    if (!text && document && params.position) {
      const sentence = checker.sentenceAt(document.uri, document.offsetAt(params.position));
      if (sentence) {
        text = sentence.clean;
        range = { start: document.positionAt(sentence.start), end: document.positionAt(sentence.end) };
      }
    }
    if (!text) throw new Error('Nothing to pin: select a sentence or place the cursor in one.');
    const source =
      document && range && params.uri
        ? {
            file: checker.relativePath(params.uri),
            start: document.offsetAt(range.start),
            end: document.offsetAt(range.end),
            line: range.start.line + 1,
          }
        : undefined;
    const claim = await claims.pin(text, { source, note: params.note, scope: params.scope });
    return ctx.claimInfo(claim);
  };
  const unpin = async (params: UnpinClaimParams) => ({ removed: await claims.unpin(params.id) });
  const revealClaim = async ({ id }: UnpinClaimParams) => {
    const file = claims.claimsFile;
    if (!file || !claims.current.claims.some((c) => c.id === id))
      throw valid.invalidParams(`${ServerCommands.revealClaim}: there is no claim ${id}`);
    const line = claims.claimLine(id);
    const at = { line, character: 0 };
    return connection.window.showDocument({
      uri: URI.file(file).toString(),
      takeFocus: true,
      selection: { start: at, end: at },
    });
  };
  const dismiss = async (params: DismissFindingParams) => {
    await claims.dismiss(params.claimId, checker.relativePath(params.uri), params.sentence);
  };

  // Every custom request's params are validated first (request-params.ts): InvalidParams, not a TypeError.
  connection.onRequest(PinClaimRequest, async (params) => ({ claim: await pin(valid.pinParams(params)) }));
  connection.onRequest(UnpinClaimRequest, (params) => unpin(valid.unpinParams(params)));
  connection.onRequest(UpdateClaimRequest, async (params) => {
    const { id, ...change } = valid.updateParams(params);
    return { claim: ctx.claimInfo(await claims.update(id, change)) };
  });
  connection.onRequest(ListClaimsRequest, () => ({
    claims: claims.current.claims.map((c) => ctx.claimInfo(c)),
    claimsFile: claims.claimsFile,
    error: claims.current.error?.message,
  }));
  connection.onRequest(DismissFindingRequest, (params) => dismiss(valid.dismissParams(params)));
  // The "Dismissed findings" list, and restoring one (also the Undo right after dismissing).
  connection.onRequest(ListDismissedRequest, async () => {
    const text = new Map(claims.current.claims.map((c) => [c.id, c.text]));
    return { dismissed: (await claims.listDismissed()).map((d) => ({ ...d, claim: text.get(d.claimId) })) };
  });
  connection.onRequest(RestoreDismissalRequest, async (raw) => {
    const params = valid.restoreParams(raw);
    const file = params.file ?? checker.relativePath(params.uri!);
    return { restored: await claims.restore(params.claimId, file, params.sentence) };
  });

  connection.onExecuteCommand(async (params) => {
    const arg = params.arguments?.[0];
    switch (params.command) {
      case ServerCommands.dismissFinding:
        return dismiss(valid.dismissParams(arg, params.command));
      case ServerCommands.unpinClaim:
        return unpin(valid.unpinParams(arg, params.command));
      case ServerCommands.pinSentence:
        return pin(valid.pinParams(arg, params.command));
      case ServerCommands.revealClaim:
        return revealClaim(valid.unpinParams(arg, params.command));
      case ServerCommands.dismissPair:
        return cross.dismissPair(valid.dismissPairParams(arg, params.command));
      default:
        throw valid.invalidParams(`Unknown command ${String(params.command)}`);
    }
  });
}
