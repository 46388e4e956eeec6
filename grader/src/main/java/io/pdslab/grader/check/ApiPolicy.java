package io.pdslab.grader.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which classes and members outside the submission its code may name: an allowlist, because a
 * denylist misses whatever its author did not think of. The base list is what data-structure and
 * protocol code needs (language support, collections, concurrency, arithmetic, time, printing); a
 * lab widens it in {@code lab.json} ({@code allowedApis}) with its engine's API. Everything else is
 * refused, among it what could forge a result or reach the reference: reflection, class loaders,
 * {@code java.lang.instrument}, the attach API, Byte Buddy, Lincheck, JUnit and the harness's
 * internals, {@code Unsafe}, processes, files, sockets, management beans (heap dumps), native code,
 * stack walking and the JDK's compiler.
 */
public final class ApiPolicy {
  /** What every lab allows. */
  static final List<String> BASE =
      List.of(
          // Language support.
          "java.lang.Object",
          "java.lang.String",
          "java.lang.StringBuilder",
          "java.lang.StringBuffer",
          "java.lang.CharSequence",
          "java.lang.Comparable",
          "java.lang.Iterable",
          "java.lang.AutoCloseable",
          "java.lang.Runnable",
          "java.lang.Cloneable",
          "java.lang.Appendable",
          "java.lang.Enum",
          "java.lang.Enum$EnumDesc",
          "java.lang.Record",
          "java.lang.Void",
          "java.lang.Number",
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Character",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Math",
          "java.lang.StrictMath",
          "java.lang.Throwable",
          "java.lang.*Exception",
          "java.lang.*Error",
          "java.lang.Override",
          "java.lang.FunctionalInterface",
          "java.lang.SuppressWarnings",
          "java.lang.SafeVarargs",
          "java.lang.Deprecated",
          "java.lang.Thread",
          "java.lang.Thread$State",
          "java.lang.Thread$UncaughtExceptionHandler",
          "java.lang.ThreadLocal",
          "java.lang.InheritableThreadLocal",
          "java.lang.InterruptedException",
          // Class objects: names and casts only, nothing that reflects.
          "java.lang.Class#getName",
          "java.lang.Class#getSimpleName",
          "java.lang.Class#getTypeName",
          "java.lang.Class#isInstance",
          "java.lang.Class#cast",
          "java.lang.Class#desiredAssertionStatus",
          "java.lang.Class#hashCode",
          "java.lang.Class#equals",
          "java.lang.Class#toString",
          "java.lang.System#nanoTime",
          "java.lang.System#currentTimeMillis",
          "java.lang.System#arraycopy",
          "java.lang.System#identityHashCode",
          "java.lang.System#lineSeparator",
          "java.lang.System#out",
          "java.lang.System#err",
          "java.lang.Runtime#getRuntime",
          "java.lang.Runtime#availableProcessors",
          "java.lang.Runtime#freeMemory",
          "java.lang.Runtime#totalMemory",
          "java.lang.Runtime#maxMemory",
          // What javac emits for lambdas, string concatenation, records and pattern switches.
          "java.lang.invoke.LambdaMetafactory#metafactory",
          "java.lang.invoke.LambdaMetafactory#altMetafactory",
          "java.lang.invoke.StringConcatFactory#makeConcatWithConstants",
          "java.lang.invoke.StringConcatFactory#makeConcat",
          "java.lang.runtime.ObjectMethods#bootstrap",
          "java.lang.runtime.SwitchBootstraps#typeSwitch",
          "java.lang.runtime.SwitchBootstraps#enumSwitch",
          // What javac emits for serializable lambdas (Pekko's functional interfaces are).
          "java.lang.invoke.SerializedLambda",
          // Libraries.
          "java.util.*",
          "java.util.concurrent.*",
          "java.util.concurrent.atomic.*",
          "java.util.concurrent.locks.*",
          "java.util.function.*",
          "java.util.stream.*",
          "java.util.random.*",
          "java.math.*",
          "java.time.**",
          "java.io.Serializable",
          "java.io.IOException",
          "java.io.UncheckedIOException",
          "java.io.Closeable",
          "java.io.Flushable",
          "java.io.PrintStream",
          // Inside allowed classes: what walks the stack, loads classes, reads the environment or
          // the system properties, opens files, or ends the JVM.
          "!java.lang.Thread#getStackTrace",
          "!java.lang.Thread#getAllStackTraces",
          "!java.lang.Thread#dumpStack",
          "!java.lang.Thread#getContextClassLoader",
          "!java.lang.Thread#setContextClassLoader",
          "!java.lang.Thread#stop",
          "!java.lang.Thread#suspend",
          "!java.lang.Thread#resume",
          "!java.lang.Thread#getThreadGroup",
          "!java.lang.Throwable#getStackTrace",
          "!java.lang.Throwable#setStackTrace",
          "!java.io.PrintStream#<init>",
          "!java.util.ServiceLoader",
          "!java.util.ServiceLoader$*",
          "!java.util.ResourceBundle",
          "!java.util.ResourceBundle$*",
          "!java.util.PropertyResourceBundle",
          "!java.util.ListResourceBundle",
          "!java.util.Scanner",
          "!java.util.Formatter#<init>",
          "!java.util.Properties#load",
          "!java.util.Properties#loadFromXML",
          "!java.util.Properties#store",
          "!java.util.Properties#storeToXML",
          "!java.util.Properties#list",
          "!java.util.concurrent.Executors#privilegedThreadFactory",
          "!java.util.concurrent.Executors#privilegedCallable",
          "!java.util.concurrent.Executors#privilegedCallableUsingCurrentClassLoader");

  /** The reason given for an API no rule allows. */
  static final String NOT_ALLOWED = "not on the lab's list of allowed APIs";

  private final List<ApiRule> deny = new ArrayList<>();
  private final List<ApiRule> allow = new ArrayList<>();

  private ApiPolicy(List<String> rules) {
    for (String r : rules) {
      ApiRule rule = ApiRule.parse(r);
      (rule.deny() ? deny : allow).add(rule);
    }
  }

  /** The base policy widened (or narrowed, with {@code !rules}) by a lab's rules. */
  public static ApiPolicy of(List<String> labRules) {
    List<String> all = new ArrayList<>(BASE);
    all.addAll(labRules);
    return new ApiPolicy(all);
  }

  /**
   * The denial covering {@code member} of {@code className}, if any.
   *
   * @param className a binary class name, {@code a.b.C$D}
   * @param member a field or method name, or null when the class is only named as a type (then only
   *     whole-class denials count)
   * @param descriptor the method's descriptor, or null for a field or a type (then rules about one
   *     overload do not count)
   */
  public Optional<String> denial(String className, String member, String descriptor) {
    for (ApiRule r : deny) {
      if (r.matchesClass(className)
          && (member == null ? r.member() == null : r.matchesMember(member, descriptor))) {
        return Optional.of("forbidden by the rule " + r.text());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether an allowance covers {@code member} with {@code descriptor} (see {@link #denial}), or,
   * if {@code member} is null, naming the class as a type.
   */
  public boolean allows(String className, String member, String descriptor) {
    for (ApiRule r : allow) {
      if (r.matchesClass(className) && (member == null || r.matchesMember(member, descriptor))) {
        return true;
      }
    }
    return false;
  }

  /** Why naming class {@code className} as a type is refused, or empty when it is allowed. */
  public Optional<String> refusal(String className) {
    Optional<String> denied = denial(className, null, null);
    if (denied.isPresent() || allows(className, null, null)) {
      return denied;
    }
    return Optional.of(NOT_ALLOWED);
  }
}
