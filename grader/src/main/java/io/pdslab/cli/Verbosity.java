package io.pdslab.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** The CLI's verbosity: warnings only by default, {@code -v} info, {@code -vv} debug. */
final class Verbosity {
  private static volatile int level;

  private Verbosity() {}

  static void set(int count) {
    level = count;
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(count <= 0 ? Level.WARN : count == 1 ? Level.INFO : Level.DEBUG);
  }

  static boolean verbose() {
    return level > 0;
  }
}
