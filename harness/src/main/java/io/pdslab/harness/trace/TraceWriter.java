package io.pdslab.harness.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Collects trace events as JSON Lines (CONTRACTS §2): assigns {@code seq} from 0, writes keys in
 * the order {@code seq, t, type, fields...}. Kept in memory so a failing run can still write its
 * trace afterwards; the same events give the same bytes.
 *
 * <p>Events are kept as recorded and turned into JSON only when the lines are asked for or written:
 * most runs pass and never look at their trace, so serialising every event as it happens would be
 * the simulator's main cost.
 */
public final class TraceWriter {
  private static final JsonFactory JSON = new ObjectMapper().getFactory();

  /** The JSON of the events serialised so far, in order. */
  private final List<String> lines = new ArrayList<>();

  // Events not yet serialised, which follow lines, and their virtual times: parallel arrays rather
  // than an object per event, as the whole trace stays live and the garbage collector copies it.
  private TraceEvent[] pending = new TraceEvent[64];
  private long[] pendingTimes = new long[64];
  private int pendingCount;

  /** Appends an event at virtual time {@code t}. */
  public void append(long t, TraceEvent event) {
    if (pendingCount == pending.length) {
      pending = Arrays.copyOf(pending, 2 * pendingCount);
      pendingTimes = Arrays.copyOf(pendingTimes, 2 * pendingCount);
    }
    pending[pendingCount] = event;
    pendingTimes[pendingCount] = t;
    pendingCount++;
  }

  /** The JSON lines so far, oldest first. */
  public List<String> lines() {
    serialisePending();
    return Collections.unmodifiableList(lines);
  }

  /** Writes every line, each ending in {@code \n}, to {@code file} (parents are created). */
  public void writeTo(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (String line : lines()) {
          out.write(line);
          out.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write trace " + file, e);
    }
  }

  private void serialisePending() {
    StringWriter buffer = new StringWriter();
    int done = 0;
    try {
      for (; done < pendingCount; done++) {
        buffer.getBuffer().setLength(0);
        write(buffer, lines.size(), pendingTimes[done], pending[done]);
        lines.add(buffer.toString());
      }
    } finally {
      // If a message body's toString threw, the events before it stay serialised exactly once.
      int left = pendingCount - done;
      System.arraycopy(pending, done, pending, 0, left);
      System.arraycopy(pendingTimes, done, pendingTimes, 0, left);
      Arrays.fill(pending, left, pendingCount, null);
      pendingCount = left;
    }
  }

  /** One event as one JSON object, byte for byte as Jackson writes the equivalent tree. */
  private static void write(Writer out, int seq, long t, TraceEvent event) {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("seq", seq);
      json.writeNumberField("t", t);
      json.writeStringField("type", event.type());
      for (int i = 0; i < event.size(); i++) {
        Object value = event.value(i);
        if (value != null) {
          json.writeFieldName(event.key(i));
          writeValue(json, value);
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise trace event " + event.type(), e);
    }
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Long number) {
      json.writeNumber(number);
    } else {
      json.writeObject(value); // booleans and partition groups, through the ObjectMapper
    }
  }
}
