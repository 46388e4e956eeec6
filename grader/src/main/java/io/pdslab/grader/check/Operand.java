package io.pdslab.grader.check;

/**
 * What one instruction left on the operand stack, as far as {@link ArgumentRule} cares.
 *
 * @param kind what kind of value
 * @param classLiteral for a class literal, the class (internal name); otherwise null
 */
record Operand(Kind kind, String classLiteral) {
  /** The kinds of instruction the rules tell apart. */
  enum Kind {
    /** {@code this}, in an instance method. */
    THIS,
    /** A class literal ({@code ldc Foo.class}). */
    CLASS,
    /** Any other instruction that pushes one value and takes none (a constant, a load). */
    PUSH,
    /** Anything else: it may take values from the stack, or push none. */
    OTHER
  }

  static final Operand THIS = new Operand(Kind.THIS, null);
  static final Operand PUSH = new Operand(Kind.PUSH, null);
  static final Operand OTHER = new Operand(Kind.OTHER, null);

  static Operand classLiteral(String internalName) {
    return new Operand(Kind.CLASS, internalName);
  }

  /** Whether the instruction pushes exactly one value and takes none. */
  boolean pushesOne() {
    return kind != Kind.OTHER;
  }
}
