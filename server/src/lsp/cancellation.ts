/**
 * `$/cancelRequest`: vscode-jsonrpc marks the request's token (even for a request still queued when the
 * cancel arrives); a handler that finishes anyway must answer RequestCancelled, not a stale result.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/** The cancellation token among a handler's arguments (requests get one after their params). */
export function tokenIn(args: readonly unknown[]): CancellationToken | undefined {
  return args.find(
    (a): a is CancellationToken => typeof a === 'object' && a !== null && 'isCancellationRequested' in a && 'onCancellationRequested' in a,
  );
}

export function cancelled<D = void>(data?: D): ResponseError<D> {
  return new ResponseError<D>(LSPErrorCodes.RequestCancelled, 'The request was cancelled', data);
}

/** The document changed while its diagnostics were computed: the client asks again (LSP 3.17). */
export function superseded(): ResponseError<{ retriggerRequest: boolean }> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed', { retriggerRequest: true });
}
