package io.pdslab.grader.check;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An allowed call that reaches a field or method by its name, and so is safe only for some values
 * of one argument: a field updater or a {@code VarHandle} looks a field up by name in the class it
 * is given (safe for the submission's own classes only), and a JGroups {@code RpcDispatcher}
 * invokes any method, by name and with {@code setAccessible}, on the object it is given (safe for
 * {@code this} only, the replica that made it). The check reads the argument from the instructions
 * just before the call, so it must be written as that expression itself: {@code Node.class}, {@code
 * this}.
 *
 * @param owner the class named in the call (internal name)
 * @param name the method's name
 * @param descriptor the method's descriptor
 * @param argument which argument is constrained (0 is the first)
 * @param want what it must be: {@link Operand.Kind#CLASS} (a literal of an own class) or {@link
 *     Operand.Kind#THIS}
 */
record ArgumentRule(String owner, String name, String descriptor, int argument, Operand.Kind want) {
  private static final List<ArgumentRule> RULES =
      List.of(
          new ArgumentRule(
              "java/lang/invoke/MethodHandles$Lookup",
              "findVarHandle",
              "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/Class;)"
                  + "Ljava/lang/invoke/VarHandle;",
              0,
              Operand.Kind.CLASS),
          new ArgumentRule(
              "java/lang/invoke/MethodHandles$Lookup",
              "findStaticVarHandle",
              "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/Class;)"
                  + "Ljava/lang/invoke/VarHandle;",
              0,
              Operand.Kind.CLASS),
          new ArgumentRule(
              "java/util/concurrent/atomic/AtomicIntegerFieldUpdater",
              "newUpdater",
              "(Ljava/lang/Class;Ljava/lang/String;)"
                  + "Ljava/util/concurrent/atomic/AtomicIntegerFieldUpdater;",
              0,
              Operand.Kind.CLASS),
          new ArgumentRule(
              "java/util/concurrent/atomic/AtomicLongFieldUpdater",
              "newUpdater",
              "(Ljava/lang/Class;Ljava/lang/String;)"
                  + "Ljava/util/concurrent/atomic/AtomicLongFieldUpdater;",
              0,
              Operand.Kind.CLASS),
          new ArgumentRule(
              "java/util/concurrent/atomic/AtomicReferenceFieldUpdater",
              "newUpdater",
              "(Ljava/lang/Class;Ljava/lang/Class;Ljava/lang/String;)"
                  + "Ljava/util/concurrent/atomic/AtomicReferenceFieldUpdater;",
              0,
              Operand.Kind.CLASS),
          new ArgumentRule(
              "org/jgroups/blocks/RpcDispatcher",
              "<init>",
              "(Lorg/jgroups/JChannel;Ljava/lang/Object;)V",
              1,
              Operand.Kind.THIS));

  /** The rule for a call, if one constrains it. */
  static Optional<ArgumentRule> of(String owner, String name, String descriptor) {
    return RULES.stream()
        .filter(
            r -> r.owner.equals(owner) && r.name.equals(name) && r.descriptor.equals(descriptor))
        .findFirst();
  }

  /**
   * Why the call is refused, or empty when its argument is as wanted.
   *
   * @param operands what the instructions since the last jump target pushed, oldest first
   * @param arguments how many arguments the call takes
   * @param own the submission's classes (internal names)
   */
  Optional<String> refusal(List<Operand> operands, int arguments, Set<String> own) {
    // If the argument and those after it were each pushed by one instruction that takes nothing,
    // they are the last instructions' values; otherwise the argument is an expression: refused.
    int at = operands.size() - (arguments - argument);
    boolean simple =
        at >= 0 && operands.subList(at, operands.size()).stream().allMatch(Operand::pushesOne);
    Operand a = simple ? operands.get(at) : Operand.OTHER;
    boolean ok =
        want == Operand.Kind.THIS
            ? a.kind() == Operand.Kind.THIS
            : a.kind() == Operand.Kind.CLASS && own.contains(a.classLiteral());
    if (ok) {
      return Optional.empty();
    }
    return Optional.of(
        want == Operand.Kind.THIS
            ? "allowed only with `this` as argument " + (argument + 1) + ", written as such"
            : "allowed only with a class literal of the submission's own (Foo.class) as argument "
                + (argument + 1)
                + ", written as such");
  }
}
