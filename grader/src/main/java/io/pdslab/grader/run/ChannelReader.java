package io.pdslab.grader.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdslab.grader.runner.ChildEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The parent's side of the result channel: reads bounded lines, checks each line's HMAC and
 * sequence number, and returns the JSON event. Anything else means the tested code wrote to the
 * channel, and the run is treated as tampered with.
 */
final class ChannelReader {
  private static final int MAX_LINE = 256 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A line that did not come from the runner. */
  static final class TamperedException extends Exception {
    private static final long serialVersionUID = 1L;

    TamperedException(String message) {
      super(message);
    }
  }

  private final InputStream in;
  private final Mac mac;
  private long nextSeq;

  ChannelReader(InputStream in, byte[] key) {
    this.in = in;
    try {
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The next verified event, or null at the end of the stream. */
  JsonNode next() throws IOException, TamperedException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        if (line.size() > 0) {
          throw new TamperedException("an unterminated line on the result channel");
        }
        return null;
      }
      if (line.size() >= MAX_LINE) {
        throw new TamperedException("an oversized line on the result channel");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.UTF_8);
    int space = text.indexOf(' ');
    if (space != 64) {
      throw new TamperedException("an unsigned line on the result channel");
    }
    byte[] expected = mac.doFinal(text.substring(space + 1).getBytes(StandardCharsets.UTF_8));
    byte[] actual;
    try {
      actual = HexFormat.of().parseHex(text, 0, space);
    } catch (IllegalArgumentException e) {
      throw new TamperedException("an unsigned line on the result channel");
    }
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new TamperedException("a forged line on the result channel");
    }
    JsonNode event = JSON.readTree(text.substring(space + 1));
    if (event.path(ChildEvent.Field.SEQ.wireName()).asLong(-1) != nextSeq++) {
      throw new TamperedException("a replayed or reordered line on the result channel");
    }
    return event;
  }
}
