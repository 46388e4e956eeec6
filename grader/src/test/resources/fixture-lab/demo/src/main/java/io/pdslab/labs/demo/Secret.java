// HANDOUT: OMIT
package io.pdslab.labs.demo;

/** Grader-only helper: must not reach the handout. */
final class Secret {
  private Secret() {}
}
