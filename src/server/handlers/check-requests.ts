// Checks on request (a document, the workspace, cross mode over the workspace) with progress and
// cancellation, and what the client asks or tells about checks: status, evidence, visible
// ranges, "Clear".
import type { WorkDoneProgressReporter } from 'vscode-languageserver/node';
import {
  CheckDocumentRequest,
  CheckWorkspaceRequest,
  ClearDiagnosticsNotification,
  CrossCheckWorkspaceRequest,
  EvidenceRequest,
  StatusRequest,
  VisibleRangesNotification,
  type CheckResult,
} from '../../common/protocol';
import { modelUnavailable } from '../editor-messages';
import * as valid from '../request-params';
import type { ServerContext } from '../server-context';

export function registerCheckRequests(ctx: ServerContext): void {
  const { connection, documents, claims, checker, cross, model, status } = ctx;

  connection.onRequest(CheckDocumentRequest, async (raw, token): Promise<CheckResult> => {
    const params = valid.checkDocumentParams(raw);
    await claims.load();
    const document = documents.get(params.uri);
    if (!document) throw new Error(`Document not open: ${params.uri}`);
    if (!model.engine) throw new Error(modelUnavailable(model.status));
    // Cancelling withdraws this request only; a check the edits scheduled goes on.
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const result = await checker.checkNow(params.uri, controller.signal);
    status.ready(model.status);
    return result ?? { documents: 0, sentences: 0, findings: 0, cancelled: true };
  });

  connection.onRequest(CheckWorkspaceRequest, async (raw, token): Promise<CheckResult> => {
    const params = valid.checkWorkspaceParams(raw);
    if (!model.engine) throw new Error(modelUnavailable(model.status));
    if (!claims.root) throw new Error('Open a folder to check a workspace.');
    await claims.load();
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    let reporter: WorkDoneProgressReporter | undefined;
    if (params.workDoneToken !== undefined) {
      reporter = connection.window.attachWorkDoneProgress(params.workDoneToken);
    } else if (ctx.client().workDoneProgress) {
      const created = await connection.window.createWorkDoneProgress();
      created.token.onCancellationRequested(() => controller.abort());
      reporter = created;
    }
    reporter?.begin('Checking workspace', 0, undefined, true);
    try {
      const result = await checker.checkWorkspace(controller.signal, {
        report: (done, total, message) => {
          reporter?.report(total > 0 ? Math.round((done / total) * 100) : 0, message);
          status.checkingFiles(done, total);
        },
      });
      return result;
    } finally {
      reporter?.done();
      status.ready(model.status);
    }
  });

  // "Consistency: Find contradictions between documents": cross mode over the whole workspace, whatever
  // consistency.crossCheck says, with progress and cancellation.
  connection.onRequest(CrossCheckWorkspaceRequest, async (raw, token): Promise<CheckResult> => {
    const params = valid.checkWorkspaceParams(raw, 'consistency/crossCheckWorkspace');
    if (!model.engine) throw new Error(modelUnavailable(model.status));
    if (!claims.root) throw new Error('Open a folder to find contradictions between documents.');
    await claims.load();
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const reporter =
      params.workDoneToken !== undefined ? connection.window.attachWorkDoneProgress(params.workDoneToken) : undefined;
    reporter?.begin('Finding contradictions between documents', 0, undefined, true);
    try {
      return await cross.checkWorkspace(controller.signal, {
        report: (done, total, message) => reporter?.report(total > 0 ? Math.round((done / total) * 100) : 0, message),
      });
    } finally {
      reporter?.done();
      status.ready(model.status);
    }
  });

  connection.onRequest(StatusRequest, () => status.current);
  connection.onRequest(EvidenceRequest, () => ({ claims: ctx.currentEvidence() }));

  connection.onNotification(ClearDiagnosticsNotification, (raw) => {
    const params = valid.clearDiagnosticsParams(raw);
    if (params) checker.clearDiagnostics(params.uri);
  });
  connection.onNotification(VisibleRangesNotification, (raw) => {
    const params = valid.visibleRangesParams(raw);
    if (!params) return; // a notification cannot be answered with an error: a malformed one is dropped
    checker.setVisibleRanges(params);
    cross.setVisible(params);
  });
}
