package io.pdslab.grader.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The supertypes and declared member names of classes, read from their class files on a class path
 * (then the JDK's), so that a member named through a subclass ({@code MyThread.getStackTrace()}) is
 * judged where it is declared ({@code Thread}).
 */
final class ClassIndex implements AutoCloseable {
  /** What the index knows about one class. */
  record Info(String superName, List<String> interfaces, Set<String> members) {}

  private final List<Path> classpath;
  private final Map<Path, JarFile> jars = new HashMap<>();
  private final Map<String, Optional<Info>> cache = new HashMap<>();

  ClassIndex(List<Path> classpath) {
    this.classpath = classpath;
  }

  /** The class with internal name {@code name}, if its class file can be found. */
  Optional<Info> info(String name) {
    return cache.computeIfAbsent(name, n -> read(n).map(ClassIndex::parse));
  }

  /**
   * The chain from {@code owner} to the class or interface that declares {@code member} (both
   * included), looking at superclasses first, as the JVM resolves; just {@code [owner]} when no
   * declaration is found.
   */
  List<String> resolutionPath(String owner, String member) {
    List<String> path = new ArrayList<>();
    if (find(owner, member, path, new HashSet<>())) {
      return path;
    }
    return List.of(owner);
  }

  private boolean find(String cls, String member, List<String> path, Set<String> seen) {
    if (cls == null || !seen.add(cls)) {
      return false;
    }
    path.add(cls);
    Optional<Info> info = info(cls);
    if (info.isPresent()) {
      Info i = info.get();
      if (i.members().contains(member)) {
        return true;
      }
      if (find(i.superName(), member, path, seen)) {
        return true;
      }
      for (String itf : i.interfaces()) {
        if (find(itf, member, path, seen)) {
          return true;
        }
      }
    }
    path.remove(path.size() - 1);
    return false;
  }

  private Optional<byte[]> read(String internalName) {
    String file = internalName + ".class";
    try {
      for (Path entry : classpath) {
        if (Files.isDirectory(entry)) {
          Path f = entry.resolve(file);
          if (Files.isRegularFile(f)) {
            return Optional.of(Files.readAllBytes(f));
          }
        } else if (Files.isRegularFile(entry)) {
          JarFile jar = jars.get(entry);
          if (jar == null) {
            jar = new JarFile(entry.toFile());
            jars.put(entry, jar);
          }
          ZipEntry e = jar.getEntry(file);
          if (e != null) {
            try (InputStream in = jar.getInputStream(e)) {
              return Optional.of(in.readAllBytes());
            }
          }
        }
      }
      try (InputStream in = ClassLoader.getSystemResourceAsStream(file)) {
        return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Info parse(byte[] bytes) {
    Set<String> members = new HashSet<>();
    String[] header = new String[1];
    List<String> interfaces = new ArrayList<>();
    new ClassReader(bytes)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public void visit(
                  int version, int access, String name, String sig, String sup, String[] itfs) {
                header[0] = sup;
                if (itfs != null) {
                  interfaces.addAll(List.of(itfs));
                }
              }

              @Override
              public FieldVisitor visitField(
                  int access, String name, String desc, String sig, Object value) {
                members.add(name);
                return null;
              }

              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String desc, String sig, String[] exceptions) {
                members.add(name);
                return null;
              }
            },
            ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new Info(header[0], List.copyOf(interfaces), Set.copyOf(members));
  }

  @Override
  public void close() {
    for (JarFile jar : jars.values()) {
      try {
        jar.close();
      } catch (IOException e) {
        // Read-only: nothing is lost.
      }
    }
    jars.clear();
  }
}
