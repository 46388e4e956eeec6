package io.pdslab.harness.structure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A copy of one class in which calls to chosen classes' instance methods go to a test's static
 * hooks instead: for structural checks that watch <em>how</em> code uses a library class whose
 * methods are final (an {@code AtomicBoolean}'s {@code get} and {@code getAndSet}), so that no
 * subclass can count them.
 *
 * <p>A call {@code receiver.m(args)} on a redirected owner becomes {@code Hooks.m(receiver, args)}
 * when the hooks class declares a public static method {@code m} with that receiver first and the
 * same arguments and result, for a class or (through {@code invokeinterface}) an interface; other
 * calls are left alone. The classes declared inside the target (its node classes, say) are copied
 * and redirected with it, so that they keep sharing a runtime package and a nest. The copies are
 * defined by their own class loader, a child of the original's: they see every other class as the
 * original does, but the target's copy is a class of its own, so use it through an interface or
 * superclass the original's loader defines. The copies must not use package-private members of
 * other classes (their runtime package differs).
 *
 * <pre>{@code
 * Class<?> copy = RedirectedCopy.of(TtasLock.class, Map.of(AtomicBoolean.class, FlagHooks.class));
 * Lock lock = (Lock) copy.getDeclaredConstructor().newInstance();
 * }</pre>
 */
public final class RedirectedCopy {
  private RedirectedCopy() {}

  /**
   * The copy of {@code target} with calls to each key of {@code hooksByOwner} redirected to the
   * matching static methods of its value.
   *
   * @throws IllegalArgumentException if no call in {@code target} matches a hook (the check would
   *     watch nothing)
   */
  public static Class<?> of(Class<?> target, Map<Class<?>, Class<?>> hooksByOwner) {
    Set<String> redirected = new HashSet<>();
    Map<String, byte[]> copies = new LinkedHashMap<>();
    for (Class<?> c : copiedWith(target)) {
      ClassReader reader = new ClassReader(bytes(c));
      ClassWriter writer = new ClassWriter(reader, 0);
      reader.accept(new Redirector(writer, hooksByOwner, redirected), 0);
      copies.put(c.getName(), writer.toByteArray());
    }
    if (redirected.isEmpty()) {
      throw new IllegalArgumentException(
          target.getName() + " makes no call that the hooks " + hooksByOwner.values() + " take");
    }
    try {
      return new CopyLoader(target.getClassLoader(), copies).loadClass(target.getName());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("cannot define the copy of " + target.getName(), e);
    }
  }

  /**
   * The target and the classes declared inside it, at any depth (nested, local and anonymous
   * classes: its nest members whose names start with its own).
   */
  private static Set<Class<?>> copiedWith(Class<?> target) {
    Set<Class<?>> classes = new LinkedHashSet<>();
    classes.add(target);
    String prefix = target.getName() + "$";
    for (Class<?> member : target.getNestMembers()) {
      if (member.getName().startsWith(prefix)) {
        classes.add(member);
      }
    }
    return classes;
  }

  private static byte[] bytes(Class<?> target) {
    String resource = target.getName().replace('.', '/') + ".class";
    try (InputStream in = target.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no class file for " + target.getName());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the class file of " + target.getName(), e);
    }
  }

  /** The static hook for {@code owner.name(descriptor)}, or null. */
  private static Method hook(Class<?> hooks, Class<?> owner, String name, String descriptor) {
    Type called = Type.getMethodType(descriptor);
    for (Method m : hooks.getMethods()) {
      if (!m.getName().equals(name) || !Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Class<?>[] params = m.getParameterTypes();
      Type[] args = called.getArgumentTypes();
      if (params.length != args.length + 1 || params[0] != owner) {
        continue;
      }
      boolean same = Type.getReturnType(m).equals(called.getReturnType());
      for (int i = 0; same && i < args.length; i++) {
        same = Type.getType(params[i + 1]).equals(args[i]);
      }
      if (same) {
        return m;
      }
    }
    return null;
  }

  private static final class Redirector extends ClassVisitor {
    private final Map<Class<?>, Class<?>> hooksByOwner;
    private final Set<String> redirected;

    Redirector(ClassVisitor next, Map<Class<?>, Class<?>> hooksByOwner, Set<String> redirected) {
      super(Opcodes.ASM9, next);
      this.hooksByOwner = hooksByOwner;
      this.redirected = redirected;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
      return new MethodVisitor(Opcodes.ASM9, next) {
        @Override
        public void visitMethodInsn(
            int opcode, String owner, String method, String desc, boolean isInterface) {
          if (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE) {
            for (Map.Entry<Class<?>, Class<?>> e : hooksByOwner.entrySet()) {
              if (Type.getInternalName(e.getKey()).equals(owner)) {
                Method hook = hook(e.getValue(), e.getKey(), method, desc);
                if (hook != null) {
                  redirected.add(owner + "." + method + desc);
                  super.visitMethodInsn(
                      Opcodes.INVOKESTATIC,
                      Type.getInternalName(e.getValue()),
                      method,
                      Type.getMethodDescriptor(hook),
                      false);
                  return;
                }
              }
            }
          }
          super.visitMethodInsn(opcode, owner, method, desc, isInterface);
        }
      };
    }
  }

  /**
   * Defines the copied classes, on first use, so that they resolve one another to their copies;
   * asks its parent for everything else.
   */
  private static final class CopyLoader extends ClassLoader {
    private final Map<String, byte[]> copies;

    CopyLoader(ClassLoader parent, Map<String, byte[]> copies) {
      super(parent);
      this.copies = copies;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      byte[] bytes = copies.get(name);
      if (bytes == null) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> copy = findLoadedClass(name);
        return copy != null ? copy : defineClass(name, bytes, 0, bytes.length);
      }
    }
  }
}
