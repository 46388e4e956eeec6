package io.pdslab.grader.runner;

import java.util.Locale;

/**
 * What the child JVM reports on the result channel, one JSON object a line, and the fields those
 * objects carry. Both ends of the channel use this type: the child ({@link ChildMain}) to write,
 * the parent ({@code io.pdslab.grader.run}) to read; the wire name is the lower-case name.
 */
public enum ChildEvent {
  /** The child started and owns the channel. */
  HELLO,
  /** Discovery found a test method ({@link Field#CLASS}, {@link Field#METHOD}). */
  FOUND,
  /** A selected test method does not exist. */
  MISSING,
  /** An execution of a test method started. */
  START,
  /** A test method was skipped ({@link Field#REASON}). */
  SKIP,
  /** An execution finished ({@link Field#STATUS}, {@link Field#MESSAGE}). */
  FINISH,
  /** A test method failed outside its executions (e.g. a parameter source). */
  METHOD_FAIL,
  /** A test class failed outside its methods (e.g. {@code @BeforeAll}). */
  CLASS_FAIL,
  /** A test published a report entry ({@link Field#KEY}, {@link Field#VALUE}). */
  ENTRY,
  /** The child finished every selected test. */
  DONE;

  /** The status of a successful execution in {@link #FINISH}. */
  public static final String SUCCESSFUL = "SUCCESSFUL";

  /** The name on the wire, e.g. {@code method-fail}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The event with this wire name, or null for one this version does not know. */
  public static ChildEvent fromWire(String name) {
    for (ChildEvent e : values()) {
      if (e.wireName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** The fields of an event object; the wire name is the lower-case name. */
  public enum Field {
    /** The line's sequence number (a replayed line is refused). */
    SEQ,
    /** The event's wire name. */
    TYPE,
    /** The test class, fully qualified. */
    CLASS,
    /** The test method's name. */
    METHOD,
    /** JUnit's unique id of one execution. */
    UID,
    /** An execution's display name (it carries the seed). */
    NAME,
    /** JUnit's status of a finished execution. */
    STATUS,
    /** A failure's message and stack. */
    MESSAGE,
    /** Why a test was skipped. */
    REASON,
    /** A report entry's key. */
    KEY,
    /** A report entry's value. */
    VALUE;

    /** The name on the wire. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the child is asked to do with its selection: its first argument. */
  public enum Mode {
    /** List the selected test methods without running them. */
    DISCOVER,
    /** Run the selected test methods. */
    RUN;

    /** The argument's text. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
