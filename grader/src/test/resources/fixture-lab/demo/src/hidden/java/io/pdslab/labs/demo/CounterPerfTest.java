package io.pdslab.labs.demo;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class CounterPerfTest {
  @Test
  void steps(TestReporter reporter) throws Exception {
    String dir = System.getProperty("pdslab.referenceClasses");
    long reference;
    if (dir == null) {
      reference = Counter.stepsFor(1000);
    } else {
      try (URLClassLoader loader =
          new URLClassLoader(new URL[] {Path.of(dir).toUri().toURL()}, null)) {
        Class<?> ref = loader.loadClass(Counter.class.getName());
        reference = (long) ref.getMethod("stepsFor", int.class).invoke(null, 1000);
      }
    }
    reporter.publishEntry("ratio", Double.toString((double) reference / Counter.stepsFor(1000)));
  }
}
