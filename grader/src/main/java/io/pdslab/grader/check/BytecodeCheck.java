package io.pdslab.grader.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.Type;
import org.objectweb.asm.TypePath;

/**
 * Reads a submission's compiled classes before any of them runs and lists every use of an API its
 * lab does not allow ({@link ApiPolicy}), with the class, method, source line and API at fault.
 *
 * <p>This is the grader's trust boundary inside the child JVM: the child holds the result channel's
 * key, Lincheck's instrumentation and the tests, and student code can reach none of them without
 * naming a refused API (reflection, {@code java.lang.instrument}, Byte Buddy, JUnit or harness
 * internals, management beans, files...). What is checked: every member a method names (fields,
 * methods, constructors, method references, bootstrap methods), judged where the member is
 * declared, so that {@code MyThread.getStackTrace()} counts as {@code Thread#getStackTrace}; every
 * class it creates, casts to, catches or takes as a literal; supertypes; native methods. Every
 * class must also lie in one of the lab's packages, so that a submission cannot shadow a class of
 * the harness, JUnit or a library that comes later on the class path. Every annotation in the class
 * file is checked as a type: on classes, fields, methods, parameters, record components, type uses,
 * local variables and in annotation values. Types that appear only in signatures are not checked:
 * naming a type gives no way to use it.
 *
 * <p>The lab's given code (the classes its non-editable sources compile to, which the grader builds
 * from the handout, never from the submission) is checked against the denials only, not the
 * allowlist: the allowlist says what a student may call, and given code may use what students may
 * not (the harness's cluster link, a JSON mapper). A class counts as given only if it is byte for
 * byte the class the reference's given source compiled to: then it names exactly the members the
 * instructor's code names, and whatever runs behind them that the submission wrote is checked in
 * the submission's own classes.
 *
 * <p>A few allowed calls reach a field or a method by its name, so what they may reach depends on
 * an argument ({@link ArgumentRule}): a field updater or a {@code VarHandle} only for a class
 * literal of the submission's own, a JGroups {@code RpcDispatcher} only with {@code this} as the
 * object its remote calls run on. The argument must be written as that very expression.
 */
public final class BytecodeCheck {
  /** Violations listed in a report at most. */
  public static final int MAX_REPORTED = 20;

  /**
   * One refused use.
   *
   * @param where {@code pkg.Class.method (File.java:12)}, or the class alone
   * @param api {@code pkg.Class#member}, or the class alone
   * @param reason why it is refused
   */
  public record Violation(String where, String api, String reason) {
    /** One line for a report. */
    public String describe() {
      return where + " uses " + api + ": " + reason;
    }
  }

  private BytecodeCheck() {}

  /**
   * Checks every class file under {@code classes}, given code included.
   *
   * @param classes the compiled submission (laid over the handout)
   * @param classpath what the classes are compiled against, to resolve inherited members
   * @param labPackages the packages the lab's classes may live in (dotted)
   * @param policy what the lab allows
   * @return the violations in class order, empty when the submission may run
   */
  public static List<Violation> check(
      Path classes, List<Path> classpath, Set<String> labPackages, ApiPolicy policy) {
    return check(classes, classpath, labPackages, policy, Map.of());
  }

  /**
   * Checks every class file under {@code classes}; those equal to a class of {@code given} face the
   * policy's denials only.
   *
   * @param classes the compiled submission (laid over the handout)
   * @param classpath what the classes are compiled against, to resolve inherited members
   * @param labPackages the packages the lab's classes may live in (dotted)
   * @param policy what the lab allows
   * @param given the lab's given classes as the reference compiled them ({@link #givenClasses})
   * @return the violations in class order, empty when the submission may run
   */
  public static List<Violation> check(
      Path classes,
      List<Path> classpath,
      Set<String> labPackages,
      ApiPolicy policy,
      Map<String, byte[]> given) {
    Map<String, byte[]> own = readAll(classes);
    List<Path> cp = new ArrayList<>(List.of(classes));
    cp.addAll(classpath);
    Set<Violation> out = new LinkedHashSet<>();
    try (ClassIndex index = new ClassIndex(cp)) {
      for (Map.Entry<String, byte[]> c : own.entrySet()) {
        boolean isGiven = Arrays.equals(given.get(c.getKey()), c.getValue());
        new ClassReader(c.getValue())
            .accept(new Checker(own.keySet(), labPackages, policy, isGiven, index, out), 0);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The given classes of a compiled lab: those whose source file (found from the class's package
   * and its {@code SourceFile} attribute) is not editable.
   *
   * @param classes the compiled reference
   * @param editable whether a lab-relative source path ({@code src/main/java/a/b/C.java}) is the
   *     student's
   * @return the given classes' bytes by internal name
   */
  public static Map<String, byte[]> givenClasses(Path classes, Predicate<Path> editable) {
    Map<String, byte[]> out = new TreeMap<>();
    for (Map.Entry<String, byte[]> c : readAll(classes).entrySet()) {
      String source = sourceFile(c.getValue());
      if (source == null) {
        continue; // no way to tell where it came from: checked like the submission's code
      }
      int slash = c.getKey().lastIndexOf('/');
      String dir = slash < 0 ? "" : c.getKey().substring(0, slash + 1);
      if (!editable.test(Path.of("src/main/java", dir + source))) {
        out.put(c.getKey(), c.getValue());
      }
    }
    return out;
  }

  private static String sourceFile(byte[] bytes) {
    String[] source = new String[1];
    new ClassReader(bytes)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public void visitSource(String file, String debug) {
                source[0] = file;
              }
            },
            ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
    return source[0];
  }

  /** The packages (dotted) of every class under {@code classes}: a lab's own packages. */
  public static Set<String> packagesOf(Path classes) {
    Set<String> out = new java.util.TreeSet<>();
    for (String name : readAll(classes).keySet()) {
      int slash = name.lastIndexOf('/');
      out.add(slash < 0 ? "" : name.substring(0, slash).replace('/', '.'));
    }
    return out;
  }

  /** A report paragraph: the first violations, and how many more. */
  public static String report(List<Violation> violations) {
    StringBuilder s =
        new StringBuilder(
            "rejected before running: the submission uses APIs this lab does not allow"
                + " (nothing was run, every test scores 0):\n");
    violations.stream()
        .limit(MAX_REPORTED)
        .forEach(v -> s.append("  ").append(v.describe()).append('\n'));
    if (violations.size() > MAX_REPORTED) {
      s.append("  ... and ").append(violations.size() - MAX_REPORTED).append(" more\n");
    }
    return s.toString();
  }

  private static Map<String, byte[]> readAll(Path classes) {
    Map<String, byte[]> out = new TreeMap<>();
    if (!Files.isDirectory(classes)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        String rel = classes.relativize(f).toString().replace('\\', '/');
        out.put(rel.substring(0, rel.length() - ".class".length()), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the compiled classes: " + e.getMessage(), e);
    }
    return out;
  }

  /** Visits one class and adds its violations. */
  private static final class Checker extends ClassVisitor {
    private final Set<String> own;
    private final Set<String> labPackages;
    private final ApiPolicy policy;
    private final boolean given;
    private final ClassIndex index;
    private final Set<Violation> out;
    private String className;
    private String sourceFile;

    Checker(
        Set<String> own,
        Set<String> labPackages,
        ApiPolicy policy,
        boolean given,
        ClassIndex index,
        Set<Violation> out) {
      super(Opcodes.ASM9);
      this.own = own;
      this.labPackages = labPackages;
      this.policy = policy;
      this.given = given;
      this.index = index;
      this.out = out;
    }

    @Override
    public void visit(
        int version, int access, String name, String sig, String superName, String[] itfs) {
      className = name;
      String dotted = name.replace('/', '.');
      int dot = dotted.lastIndexOf('.');
      String pkg = dot < 0 ? "" : dotted.substring(0, dot);
      if (name.equals("module-info") || !labPackages.contains(pkg)) {
        out.add(
            new Violation(
                dotted,
                "package " + (pkg.isEmpty() ? "(default)" : pkg),
                "not one of the lab's packages " + labPackages));
      }
      if (superName != null) {
        type(superName, dotted + " (its superclass)");
      }
      if (itfs != null) {
        for (String i : itfs) {
          type(i, dotted + " (an interface it implements)");
        }
      }
    }

    @Override
    public void visitSource(String source, String debug) {
      sourceFile = source;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
      return annotation(desc, className.replace('/', '.'));
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(
        int typeRef, TypePath typePath, String desc, boolean visible) {
      return annotation(desc, className.replace('/', '.'));
    }

    @Override
    public RecordComponentVisitor visitRecordComponent(String name, String desc, String sig) {
      String component = className.replace('/', '.') + "." + name;
      return new RecordComponentVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String d, boolean visible) {
          return annotation(d, component);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
            int typeRef, TypePath typePath, String d, boolean visible) {
          return annotation(d, component);
        }
      };
    }

    @Override
    public FieldVisitor visitField(int access, String name, String desc, String sig, Object v) {
      String field = className.replace('/', '.') + "." + name;
      return new FieldVisitor(Opcodes.ASM9) {
        @Override
        public AnnotationVisitor visitAnnotation(String d, boolean visible) {
          return annotation(d, field);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
            int typeRef, TypePath typePath, String d, boolean visible) {
          return annotation(d, field);
        }
      };
    }

    /**
     * Annotations can steer libraries (Jackson's type ids, JUnit's extensions): checked as types,
     * with the classes and enums their values name, and the annotations nested in them.
     */
    private AnnotationVisitor annotation(String desc, String where) {
      type(Type.getType(desc).getInternalName(), where + " (an annotation)");
      return annotationValues(where);
    }

    private AnnotationVisitor annotationValues(String where) {
      return new AnnotationVisitor(Opcodes.ASM9) {
        @Override
        public void visit(String name, Object value) {
          constants(new Object[] {value}, where + " (an annotation value)");
        }

        @Override
        public void visitEnum(String name, String d, String value) {
          type(Type.getType(d).getInternalName(), where + " (an annotation value)");
        }

        @Override
        public AnnotationVisitor visitAnnotation(String name, String d) {
          return annotation(d, where);
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
          return this;
        }
      };
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String desc, String sig, String[] exceptions) {
      String method = className.replace('/', '.') + "." + name;
      if ((access & Opcodes.ACC_NATIVE) != 0) {
        out.add(new Violation(method, "a native method", "native code is not allowed"));
      }
      boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
      return new MethodVisitor(Opcodes.ASM9) {
        private int line = -1;

        /** What pushed the values on the stack since the last jump target, oldest first. */
        private final List<Operand> operands = new ArrayList<>();

        @Override
        public AnnotationVisitor visitAnnotation(String d, boolean visible) {
          return annotation(d, method);
        }

        @Override
        public AnnotationVisitor visitAnnotationDefault() {
          return annotationValues(method);
        }

        @Override
        public AnnotationVisitor visitParameterAnnotation(int p, String d, boolean visible) {
          return annotation(d, method);
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(
            int typeRef, TypePath typePath, String d, boolean visible) {
          return annotation(d, method);
        }

        @Override
        public AnnotationVisitor visitInsnAnnotation(
            int typeRef, TypePath typePath, String d, boolean visible) {
          return annotation(d, where());
        }

        @Override
        public AnnotationVisitor visitTryCatchAnnotation(
            int typeRef, TypePath typePath, String d, boolean visible) {
          return annotation(d, where());
        }

        @Override
        public AnnotationVisitor visitLocalVariableAnnotation(
            int typeRef,
            TypePath typePath,
            Label[] start,
            Label[] end,
            int[] index,
            String d,
            boolean visible) {
          return annotation(d, method);
        }

        // Every instruction records what it leaves on the stack for ArgumentRule; a stack map frame
        // marks a jump target, where the stack may come from elsewhere, so the record restarts.
        @Override
        public void visitFrame(int type, int nLocal, Object[] local, int nStack, Object[] stack) {
          operands.clear();
        }

        @Override
        public void visitInsn(int opcode) {
          boolean constant = opcode >= Opcodes.ACONST_NULL && opcode <= Opcodes.DCONST_1;
          operands.add(constant ? Operand.PUSH : Operand.OTHER);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
          operands.add(opcode == Opcodes.NEWARRAY ? Operand.OTHER : Operand.PUSH);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
          if (opcode == Opcodes.ALOAD && var == 0 && !isStatic) {
            operands.add(Operand.THIS);
          } else {
            boolean load = opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD;
            operands.add(load ? Operand.PUSH : Operand.OTHER);
          }
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
          operands.add(Operand.OTHER);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
          operands.add(Operand.OTHER);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
          operands.add(Operand.OTHER);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
          operands.add(Operand.OTHER);
        }

        private String where() {
          return method
              + (sourceFile != null && line > 0 ? " (" + sourceFile + ":" + line + ")" : "");
        }

        @Override
        public void visitLineNumber(int l, Label start) {
          line = l;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
          type(type, where());
          operands.add(Operand.OTHER);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String n, String d) {
          member(owner, n, null, where());
          operands.add(opcode == Opcodes.GETSTATIC ? Operand.PUSH : Operand.OTHER);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String n, String d, boolean itf) {
          member(owner, n, d, where());
          ArgumentRule.of(owner, n, d)
              .flatMap(rule -> rule.refusal(operands, Type.getArgumentTypes(d).length, own))
              .ifPresent(why -> out.add(new Violation(where(), dotted(owner) + "#" + n, why)));
          operands.add(Operand.OTHER);
        }

        @Override
        public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
          handle(bsm, where());
          constants(args, where());
          operands.add(Operand.OTHER);
        }

        @Override
        public void visitLdcInsn(Object value) {
          constants(new Object[] {value}, where());
          operands.add(
              value instanceof Type t && t.getSort() == Type.OBJECT
                  ? Operand.classLiteral(t.getInternalName())
                  : Operand.PUSH);
        }

        @Override
        public void visitMultiANewArrayInsn(String d, int dims) {
          type(d, where());
          operands.add(Operand.OTHER);
        }

        @Override
        public void visitTryCatchBlock(Label s, Label e, Label h, String type) {
          if (type != null) {
            type(type, where());
          }
        }
      };
    }

    private void constants(Object[] values, String where) {
      for (Object v : values) {
        if (v instanceof Type t) {
          if (t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY) {
            type(t.getInternalName(), where);
          }
        } else if (v instanceof Handle h) {
          handle(h, where);
        } else if (v instanceof ConstantDynamic c) {
          handle(c.getBootstrapMethod(), where);
          Object[] args = new Object[c.getBootstrapMethodArgumentCount()];
          for (int i = 0; i < args.length; i++) {
            args[i] = c.getBootstrapMethodArgument(i);
          }
          constants(args, where);
        }
      }
    }

    private void handle(Handle h, String where) {
      boolean field = h.getTag() <= Opcodes.H_PUTSTATIC;
      member(h.getOwner(), h.getName(), field ? null : h.getDesc(), where);
    }

    /** A class named as a type: allowed if it is the submission's or the lab allows it. */
    private void type(String internalName, String where) {
      String name = elementType(internalName);
      if (name == null || own.contains(name)) {
        return;
      }
      String dotted = name.replace('/', '.');
      (given ? policy.denial(dotted, null, null) : policy.refusal(dotted))
          .ifPresent(why -> out.add(new Violation(where, dotted, why)));
    }

    /**
     * A member ({@code descriptor}: a method's, or null for a field): refused if a denial covers it
     * on its way from the named class to its declaration; allowed if it is the submission's own or
     * a class on that way outside the submission allows it.
     */
    private void member(String owner, String name, String descriptor, String where) {
      String cls = elementType(owner);
      if (cls == null) {
        return; // a member of a primitive array: clone() or length
      }
      List<String> path = index.resolutionPath(cls, name);
      for (String c : path) {
        String dotted = c.replace('/', '.');
        Optional<String> denied =
            own.contains(c) ? Optional.empty() : policy.denial(dotted, name, descriptor);
        if (denied.isPresent()) {
          out.add(new Violation(where, dotted + "#" + name, denied.get()));
          return;
        }
      }
      if (given || own.contains(path.get(path.size() - 1))) {
        return;
      }
      for (String c : path) {
        if (!own.contains(c) && policy.allows(c.replace('/', '.'), name, descriptor)) {
          return;
        }
      }
      String named = path.stream().filter(c -> !own.contains(c)).findFirst().orElse(cls);
      out.add(new Violation(where, named.replace('/', '.') + "#" + name, ApiPolicy.NOT_ALLOWED));
    }

    private static String dotted(String internalName) {
      return internalName.replace('/', '.');
    }

    /** The class an internal name or array descriptor is about, or null for primitives. */
    private static String elementType(String internalName) {
      if (!internalName.startsWith("[")) {
        return internalName;
      }
      Type t = Type.getType(internalName).getElementType();
      return t.getSort() == Type.OBJECT ? t.getInternalName() : null;
    }
  }
}
