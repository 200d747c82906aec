/**
 * `marginalia citations FILE | head`: when the reader closes the pipe, writing to stdout fails with
 * EPIPE, which Node raises as an unhandled 'error' event (a stack trace, exit 1). A closed output means
 * nobody wants the rest: stop at once and quietly, as Unix tools do on SIGPIPE (without its 141 status,
 * which would read as a failure of the analysis).
 */
export function endQuietlyWhenOutputCloses(exit: (code: number) => never = process.exit): void {
  const onError = (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') exit(0);
    throw e;
  };
  process.stdout.on('error', onError);
  // Nothing useful can be done when stderr is gone too; never let it turn into a crash report.
  process.stderr.on('error', () => undefined);
}
