package io.pdslab.grader.runner;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The child's side of the result channel: the JVM's original standard output, where every line is
 * {@code <hmac> <json>}. The JSON carries a sequence number and the HMAC is keyed with a secret the
 * parent sends on standard input, so lines printed or forged by test code are rejected by the
 * parent. Test code's own {@code System.out} is redirected to standard error.
 *
 * <p>Why a key that lives in this JVM's heap is good enough: it was never the trust boundary. The
 * boundary is the bytecode check the parent runs before this JVM starts ({@code
 * io.pdslab.grader.check}): submitted code cannot name reflection, agents, management beans (heap
 * dumps), files, {@code FileDescriptor} or this package, and the JVM runs with attach disabled, so
 * the code under test can reach neither the key nor the raw standard output. A per-run key that is
 * never in the heap is not possible for a signer in this JVM, and a separate reporter process would
 * need JUnit's events to cross that same boundary. The HMAC stays as a cheap second line: a line
 * that reaches file descriptor 1 other than through this class (the JVM, a library, a gap in a
 * lab's allowlist) fails the run as forged instead of being read as a result.
 */
final class EventChannel {
  private final PrintStream out;
  private final Mac mac;
  private long seq;

  private EventChannel(OutputStream raw, byte[] key) throws GeneralSecurityException {
    this.out = new PrintStream(raw, false, StandardCharsets.UTF_8);
    this.mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
  }

  /** Takes over the process's standard output; {@code System.out} then goes to standard error. */
  static EventChannel takeOverStdout(byte[] key) throws GeneralSecurityException {
    EventChannel channel = new EventChannel(new FileOutputStream(FileDescriptor.out), key);
    System.setOut(System.err);
    return channel;
  }

  /**
   * Sends one event: {@code fields} are alternating {@link ChildEvent.Field}s and values (strings,
   * numbers or null; a null value is left out).
   */
  synchronized void send(ChildEvent type, Object... fields) {
    StringBuilder json = new StringBuilder(128);
    json.append('{');
    Json.quote(json, ChildEvent.Field.SEQ.wireName());
    json.append(':').append(seq++).append(',');
    Json.quote(json, ChildEvent.Field.TYPE.wireName());
    json.append(':');
    Json.quote(json, type.wireName());
    for (int i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i + 1] == null) {
        continue;
      }
      json.append(',');
      Json.quote(json, ((ChildEvent.Field) fields[i]).wireName());
      json.append(':');
      Object v = fields[i + 1];
      if (v instanceof Number) {
        json.append(v);
      } else {
        Json.quote(json, v.toString());
      }
    }
    json.append('}');
    String line = json.toString();
    byte[] tag = mac.doFinal(line.getBytes(StandardCharsets.UTF_8));
    out.print(HexFormat.of().formatHex(tag));
    out.print(' ');
    out.print(line);
    out.print('\n');
    out.flush();
  }
}
