package io.pdslab.harness.lin.format;

import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.model.RegisterModel;
import io.pdslab.harness.lin.model.RegisterModel.Op;
import io.pdslab.harness.lin.model.RegisterModel.Result;
import java.util.List;

/**
 * Reads Jepsen etcd test logs: a compare-and-set register, one event per line,
 *
 * <pre>
 * INFO  jepsen.util - PROC :invoke :read nil        INFO  jepsen.util - PROC :ok :read VALUE|nil
 * INFO  jepsen.util - PROC :invoke :write V         INFO  jepsen.util - PROC :ok :write V
 * INFO  jepsen.util - PROC :invoke :cas [FROM TO]   INFO  jepsen.util - PROC :ok|:fail :cas [FROM TO]
 * INFO  jepsen.util - PROC :fail|:info F :timed-out
 * </pre>
 *
 * <p>A {@code :fail cas} returned false; {@code :info}, {@code :timed-out} and operations still
 * open at the end have an unknown outcome (pending). Other {@code :fail}s did not take effect.
 * Lines without {@code jepsen.util - } are ignored; a {@code jepsen.util} line that is not one of
 * these events is an error. Values are kept as strings; nil is {@code null}.
 */
public final class EtcdLogFormat {

  private static final String MARKER = "jepsen.util - ";

  private EtcdLogFormat() {}

  /** Whether {@code text} looks like an etcd log (used for format auto-detection). */
  public static boolean detect(String text) {
    return text.contains(MARKER);
  }

  /** Parses a whole log; {@code source} names it in errors. */
  public static List<Operation<Op<String>, Result<String>>> parse(String source, String text) {
    OperationBuilder<Op<String>, Result<String>> builder = new OperationBuilder<>(source);
    String[] fields = new String[4];
    int lineNo = 0;
    int pos = 0;
    int length = text.length();
    while (pos < length) {
      int end = text.indexOf('\n', pos);
      if (end < 0) {
        end = length;
      }
      lineNo++;
      int marker = text.indexOf(MARKER, pos);
      if (marker >= 0 && marker < end) {
        int count = split(text, marker + MARKER.length(), end, fields);
        event(builder, source, lineNo, fields, count);
      }
      pos = end + 1;
    }
    return builder.build();
  }

  /** Splits on spaces and tabs, the cas pair kept whole; returns the number of fields. */
  private static int split(String text, int from, int to, String[] fields) {
    int count = 0;
    int i = from;
    while (i < to && count < fields.length) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r') {
        i++;
        continue;
      }
      int start = i;
      if (c == '[') {
        int close = text.indexOf(']', i);
        i = close < 0 || close > to ? to : close + 1;
      } else {
        while (i < to && " \t\r".indexOf(text.charAt(i)) < 0) {
          i++;
        }
      }
      fields[count++] = text.substring(start, i);
    }
    return count;
  }

  private static void event(
      OperationBuilder<Op<String>, Result<String>> builder,
      String source,
      int line,
      String[] fields,
      int count) {
    if (count < 4) {
      throw new MalformedHistoryException(
          source, line, "expected 'PROC :type :f VALUE' after 'jepsen.util - '");
    }
    int process;
    try {
      process = Integer.parseInt(fields[0]);
    } catch (NumberFormatException e) {
      throw new MalformedHistoryException(
          source, line, "process '" + fields[0] + "' is not a number");
    }
    String type = fields[1];
    String f = fields[2];
    String value = fields[3];
    if (!f.equals(":read") && !f.equals(":write") && !f.equals(":cas")) {
      throw new MalformedHistoryException(
          source, line, "unknown operation '" + f + "' (expected :read, :write or :cas)");
    }
    switch (type) {
      case ":invoke" -> builder.invoke(line, process, f, input(source, line, f, value));
      case ":ok" -> {
        Op<String> in = builder.openInput(line, process, f);
        Result<String> out =
            in.kind() == RegisterModel.Kind.READ ? Result.read(nil(value)) : Result.success();
        builder.ok(line, process, f, out);
      }
      case ":fail" -> {
        if (value.equals(":timed-out")) {
          builder.unknown(line, process, f);
        } else if (f.equals(":cas")) {
          builder.ok(line, process, f, Result.failed());
        } else {
          builder.failed(line, process, f);
        }
      }
      case ":info" -> builder.unknown(line, process, f);
      default ->
          throw new MalformedHistoryException(
              source,
              line,
              "unknown event type '" + type + "' (expected :invoke, :ok, :fail, :info)");
    }
  }

  private static Op<String> input(String source, int line, String f, String value) {
    return switch (f) {
      case ":read" -> Op.read();
      case ":write" -> Op.write(nil(value));
      default -> {
        if (!value.startsWith("[") || !value.endsWith("]")) {
          throw new MalformedHistoryException(source, line, "cas expects [FROM TO], got " + value);
        }
        String inner = value.substring(1, value.length() - 1).trim();
        int space = inner.indexOf(' ');
        if (space < 0) {
          throw new MalformedHistoryException(source, line, "cas expects [FROM TO], got " + value);
        }
        yield Op.cas(nil(inner.substring(0, space)), nil(inner.substring(space + 1).trim()));
      }
    };
  }

  private static String nil(String value) {
    return value.equals("nil") ? null : value;
  }
}
