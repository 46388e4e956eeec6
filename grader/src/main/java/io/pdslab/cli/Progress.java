package io.pdslab.cli;

import java.io.PrintWriter;

/**
 * Progress of long work on standard error: one line per step with {@code -v}, otherwise a counter
 * redrawn in place when standard error is a terminal.
 */
final class Progress {
  private final PrintWriter err;
  private final String what;
  private final int total;
  private final boolean inPlace = System.console() != null;
  private int done;

  Progress(PrintWriter err, String what, int total) {
    this.err = err;
    this.what = what;
    this.total = total;
  }

  synchronized void step(String detail) {
    done++;
    if (Verbosity.verbose()) {
      err.printf("[%d/%d] %s%n", done, total, detail);
    } else if (inPlace) {
      err.printf("\r%s: %d/%d", what, done, total);
    }
    err.flush();
  }

  synchronized void end() {
    if (inPlace && !Verbosity.verbose() && done > 0) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
