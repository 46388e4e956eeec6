package io.pdslab.harness.sim;

import io.pdslab.harness.trace.TraceEvent;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.Set;

/**
 * Records {@code send} events, rendering a message's body ({@code String.valueOf(message)}) only
 * when the trace is serialised if that gives the same text later as now. Rendering records is
 * costly (on Java 17 their {@code toString} goes through {@code String.format}) and most traces are
 * never serialised; messages that may change after sending are rendered at once, so the trace shows
 * them as sent.
 */
final class MessageBodies {
  /**
   * Whether a class's instances render the same text forever: records whose components are,
   * recursively, primitives, boxed primitives, strings, enums, frames or such records. This assumes
   * that a record's {@code toString} depends on its components only, as the generated one does.
   */
  private static final ClassValue<Boolean> IMMUTABLE =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return isImmutable(type, new HashSet<>());
        }
      };

  private MessageBodies() {}

  /** The {@code send} event of {@code message}. */
  static TraceEvent send(String from, String to, long id, String type, Object message) {
    if (IMMUTABLE.get(message.getClass())) {
      return TraceEvent.send(from, to, id, type, () -> String.valueOf(message));
    }
    return TraceEvent.send(from, to, id, type, String.valueOf(message));
  }

  private static boolean isImmutable(Class<?> type, Set<Class<?>> visiting) {
    if (type.isPrimitive()
        || type == String.class
        || type == Boolean.class
        || type == Character.class
        || type == Byte.class
        || type == Short.class
        || type == Integer.class
        || type == Long.class
        || type == Float.class
        || type == Double.class
        || type.isEnum()
        || type == Frame.class) {
      return true;
    }
    if (!type.isRecord()) {
      return false;
    }
    if (!visiting.add(type)) {
      return true; // a record containing itself: decided by its other components
    }
    for (RecordComponent component : type.getRecordComponents()) {
      if (!isImmutable(component.getType(), visiting)) {
        return false;
      }
    }
    return true;
  }
}
