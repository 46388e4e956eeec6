package io.pdslab.grader.grade;

import io.pdslab.grader.build.GradedTest;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What grading an example should report: the machine-readable head of its {@code EXPECTED} line,
 * checked by {@code ./pdslab grade --examples}. The head is one of
 *
 * <ul>
 *   <li>{@code full marks} — every test passes (what a lab's reference must score);
 *   <li>{@code 0} — graded, and no point earned (e.g. the stubs with a cheat around them);
 *   <li>a status that is not {@code graded}: {@code compile-error}, {@code rejected}, {@code
 *       invalid};
 *   <li>{@code fails: B} or {@code fails: B, C, D} (optionally followed by {@code only}) — graded,
 *       and exactly these parts lose points (performance checks are the part {@code perf}).
 * </ul>
 *
 * Whatever follows the head (in parentheses, after a semicolon, a dash…) is commentary for people.
 *
 * @param kind which of the heads above
 * @param status for {@link Kind#STATUS}, the status; otherwise {@code graded}
 * @param parts for {@link Kind#FAILS}, the parts that lose points; otherwise empty
 */
public record Expectation(Kind kind, SubmissionStatus status, SortedSet<String> parts) {
  /** The head of an {@code EXPECTED} line. */
  public enum Kind {
    /** Every test passes. */
    FULL_MARKS,
    /** Graded, no point earned. */
    ZERO,
    /** Not graded: the status says why. */
    STATUS,
    /** Graded; exactly the named parts lose points. */
    FAILS
  }

  /** The expectation of a lab's reference. */
  public static final Expectation FULL_MARKS =
      new Expectation(Kind.FULL_MARKS, SubmissionStatus.GRADED, new TreeSet<>());

  private static final String FULL_MARKS_HEAD = "full marks";
  private static final Pattern ZERO = Pattern.compile("0(?![\\w./])");
  private static final Pattern FAILS =
      Pattern.compile("fails:\\s*([A-Za-z][\\w-]*(?:\\s*,\\s*[A-Za-z][\\w-]*)*)(?!\\w)");

  /** An expectation; {@code parts} are copied. */
  public Expectation {
    parts = Collections.unmodifiableSortedSet(new TreeSet<>(parts));
  }

  /**
   * Reads the head of an {@code EXPECTED} line.
   *
   * @throws IllegalArgumentException if the line starts with none of the heads above
   */
  public static Expectation parse(String line) {
    String s = line.strip();
    if (s.startsWith(FULL_MARKS_HEAD)) {
      return FULL_MARKS;
    }
    if (ZERO.matcher(s).lookingAt()) {
      return new Expectation(Kind.ZERO, SubmissionStatus.GRADED, new TreeSet<>());
    }
    for (SubmissionStatus st : SubmissionStatus.values()) {
      if (!st.testsRan() && startsWithWord(s, st.wireName())) {
        return new Expectation(Kind.STATUS, st, new TreeSet<>());
      }
    }
    Matcher m = FAILS.matcher(s);
    if (m.lookingAt()) {
      return new Expectation(
          Kind.FAILS,
          SubmissionStatus.GRADED,
          new TreeSet<>(Arrays.asList(m.group(1).split("\\s*,\\s*"))));
    }
    throw new IllegalArgumentException(
        "an EXPECTED line starts with 'full marks', '0', a status ('compile-error', 'rejected',"
            + " 'invalid') or 'fails: <parts>' (e.g. 'fails: B, C'), not: "
            + (s.isEmpty() ? "(empty)" : s));
  }

  private static boolean startsWithWord(String s, String word) {
    return s.startsWith(word)
        && (s.length() == word.length() || !Character.isLetterOrDigit(s.charAt(word.length())));
  }

  /**
   * This expectation when only the tests of {@code graded} parts are graded: of the parts it
   * expects to lose points, those graded (all parts when {@code graded} is empty).
   */
  public Expectation within(Set<String> graded) {
    if (graded.isEmpty() || kind != Kind.FAILS) {
      return this;
    }
    SortedSet<String> kept = new TreeSet<>(parts);
    kept.retainAll(graded);
    return new Expectation(Kind.FAILS, status, kept);
  }

  /** Whether a submission that graded so must not compile. */
  public boolean compileError() {
    return kind == Kind.STATUS && status == SubmissionStatus.COMPILE_ERROR;
  }

  /**
   * How {@code g} differs from this expectation, or empty if it matches. An overloaded grade
   * matches nothing: some tests did not run to their end.
   */
  public Optional<String> mismatch(SubmissionGrade g) {
    SortedSet<String> lost = partsLosingPoints(g);
    boolean matches =
        switch (kind) {
          case FULL_MARKS -> g.status() == SubmissionStatus.GRADED && lost.isEmpty();
          case ZERO -> g.status() == SubmissionStatus.GRADED && g.score() == 0;
          case STATUS -> g.status() == status;
          case FAILS ->
              g.status() == SubmissionStatus.GRADED
                  && withoutUnmeasured(lost, g).equals(withoutUnmeasured(parts, g));
        };
    return matches ? Optional.empty() : Optional.of("expected " + this + ", got " + describe(g));
  }

  /**
   * {@code parts} without the performance part if a performance check of {@code g} could not be
   * measured (the machine was busy: full points given, see the grader): whether a slow example
   * loses performance points then says nothing about it, either way.
   */
  private static SortedSet<String> withoutUnmeasured(SortedSet<String> parts, SubmissionGrade g) {
    if (g.unmeasured().isEmpty()) {
      return parts;
    }
    SortedSet<String> kept = new TreeSet<>(parts);
    kept.remove(GradedTest.PERFORMANCE);
    return kept;
  }

  /** The parts in which {@code g} lost points, sorted. */
  public static SortedSet<String> partsLosingPoints(SubmissionGrade g) {
    SortedSet<String> lost = new TreeSet<>();
    for (TestGrade t : g.tests()) {
      if (!t.passed()) {
        lost.add(t.test().part());
      }
    }
    return lost;
  }

  private static String describe(SubmissionGrade g) {
    if (!g.status().testsRan()) {
      return g.status().wireName();
    }
    SortedSet<String> lost = partsLosingPoints(g);
    return g.status().wireName()
        + " "
        + Points.format(g.score())
        + "/"
        + Points.format(g.maxScore())
        + (lost.isEmpty() ? ", full marks" : ", fails: " + String.join(", ", lost));
  }

  /** The head as an {@code EXPECTED} line writes it. */
  @Override
  public String toString() {
    return switch (kind) {
      case FULL_MARKS -> FULL_MARKS_HEAD;
      case ZERO -> "0";
      case STATUS -> status.wireName();
      case FAILS -> parts.isEmpty() ? "no part fails" : "fails: " + String.join(", ", parts);
    };
  }
}
