/**
 * A reader that stops early (`dbarchitect design spec.yaml --print json | head -1`) closes the
 * pipe, and Node reports the next write as an EPIPE 'error' event, which, unhandled, crashes with a
 * stack trace. The reader has what it wanted, so the output that no one reads is dropped and the
 * command ends with its own exit code (0 when all went well; still 1 under `--fail-on`, so a
 * pipeline with `pipefail` keeps failing where it should). The CLI writes stdout once, at the end,
 * so no work is left to cut short. Any other stream error is not ours to hide.
 */
export function ignoreClosedPipes(...streams: NodeJS.WritableStream[]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // ERR_STREAM_DESTROYED: a write after the EPIPE, on the stream that EPIPE closed.
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      throw error;
    });
  }
}
