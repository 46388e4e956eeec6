package io.pdslab.harness.testrun;

import java.util.Objects;

/**
 * One test method: its class (fully qualified, or simple where only that is known) and its name.
 * Written {@code Class#method}, as in {@code lab.json}, reports and replay commands.
 *
 * @param className the test class, e.g. {@code io.pdslab.labs.raft.ElectionTest}
 * @param method the test method's name
 */
public record TestId(String className, String method) {
  /** Separates the class from the method in the written form. */
  public static final char SEPARATOR = '#';

  /** Checks both parts are present. */
  public TestId {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(method, "method");
    if (className.isEmpty() || method.isEmpty()) {
      throw new IllegalArgumentException("a test id needs a class and a method");
    }
  }

  /**
   * Reads {@code Class#method}.
   *
   * @throws IllegalArgumentException if {@code text} does not name a method
   */
  public static TestId parse(String text) {
    int hash = text.indexOf(SEPARATOR);
    if (hash <= 0 || hash == text.length() - 1) {
      throw new IllegalArgumentException("not Class#method: '" + text + "'");
    }
    return new TestId(text.substring(0, hash), text.substring(hash + 1));
  }

  /** Whether a selection ({@code Class} or {@code Class#method}) names one method. */
  public static boolean namesMethod(String selection) {
    return selection.indexOf(SEPARATOR) >= 0;
  }

  /** The class name without its package. */
  public String simpleClassName() {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** {@code SimpleClass#method}: the form shown to students and used in replay commands. */
  public String shortForm() {
    return simpleClassName() + SEPARATOR + method;
  }

  /**
   * Whether a name a user typed selects this test: {@code Class#method} or {@code pkg.Class#method}
   * (this test), or {@code Class} / {@code pkg.Class} (every test of the class).
   */
  public boolean matches(String name) {
    String full = toString();
    if (namesMethod(name)) {
      return full.equals(name) || full.endsWith("." + name);
    }
    return className.equals(name) || className.endsWith("." + name);
  }

  /** {@code Class#method}. */
  @Override
  public String toString() {
    return className + SEPARATOR + method;
  }
}
