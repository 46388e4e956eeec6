package io.pdslab.harness.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceClassesTest {
  /** A stand-in for a lab class. */
  public static final class Sample implements Supplier<String> {
    @Override
    public String get() {
      return "sample";
    }
  }

  @AfterEach
  void clear() {
    System.clearProperty(ReferenceClasses.PROPERTY);
  }

  @Test
  void withoutThePropertyTheReferenceIsTheClassItself() {
    assertSame(Sample.class, ReferenceClasses.load(Sample.class));
  }

  @Test
  void withThePropertyTheReferenceComesFromItsOwnLoader() throws Exception {
    Path classes =
        Path.of(Sample.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    System.setProperty(ReferenceClasses.PROPERTY, classes.toString());
    Class<?> ref = ReferenceClasses.load(Sample.class);
    assertEquals(Sample.class.getName(), ref.getName());
    assertNotSame(Sample.class, ref, "loaded child-first from the reference directory");
    @SuppressWarnings("unchecked")
    Supplier<String> s = ReferenceClasses.newInstance(Sample.class, Supplier.class);
    assertEquals("sample", s.get());
  }

  @Test
  void aDirectoryWithoutTheClassIsAClearError(@TempDir Path empty) {
    System.setProperty(ReferenceClasses.PROPERTY, empty.toString());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ReferenceClasses.load(Sample.class));
    assertTrue(e.getMessage().contains("does not contain"), e.getMessage());
  }

  @Test
  void workersReportAHangWithAThreadDump() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Workers.run(
                    "stuck",
                    1,
                    Duration.ofMillis(200),
                    i -> {
                      Thread.sleep(5_000);
                    }));
    assertTrue(e.getMessage().contains("\"stuck-0\""), e.getMessage());
  }
}
