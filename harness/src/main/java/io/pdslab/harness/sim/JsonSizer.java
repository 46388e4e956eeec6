package io.pdslab.harness.sim;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.ToLongFunction;

/**
 * The default message size: the length in bytes of the message's Jackson JSON, or of its {@code
 * toString()} if Jackson cannot serialise it. Every message is sized, so the JSON is only counted,
 * never kept, and one generator is reused across messages. Not thread-safe: one per simulation.
 */
final class JsonSizer implements ToLongFunction<Object> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteCounter counter = new ByteCounter();
  private JsonGenerator generator;

  @Override
  public long applyAsLong(Object message) {
    try {
      if (generator == null) {
        generator = JSON.createGenerator(counter);
        // Without this the generator writes a space between consecutive root values.
        generator.setRootValueSeparator(null);
      }
      counter.count = 0;
      JSON.writeValue(generator, message);
      generator.flush();
      return counter.count;
    } catch (IOException | RuntimeException e) {
      generator = null; // a failure may leave it inside an unfinished object
      return String.valueOf(message).getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /** Counts the bytes written to it and drops them. */
  private static final class ByteCounter extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
