package io.pdslab.harness.lin.format;

import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.lin.model.KvModel.Op;
import java.util.List;

/**
 * Reads Jepsen EDN key-value logs, one map per line:
 *
 * <pre>
 * {:process P, :type :invoke, :f :get|:put|:append, :key "K", :value nil|"V"}
 * {:process P, :type :ok,     :f :get|:put|:append, :key "K", :value "V"}
 * </pre>
 *
 * <p>{@code :fail} means the operation did not take effect; {@code :info} and operations still open
 * at the end have an unknown outcome (pending). Blank lines are skipped; anything else that is not
 * such a map is an error naming the line.
 */
public final class EdnKvFormat {

  private EdnKvFormat() {}

  /** Whether {@code text} looks like an EDN key-value log (used for format auto-detection). */
  public static boolean detect(String text) {
    return text.stripLeading().startsWith("{:");
  }

  /** Parses a whole log; {@code source} names it in errors. */
  public static List<Operation<Op, String>> parse(String source, String text) {
    OperationBuilder<Op, String> builder = new OperationBuilder<>(source);
    EdnLine fields = new EdnLine();
    int lineNo = 0;
    int pos = 0;
    int length = text.length();
    while (pos < length) {
      int end = text.indexOf('\n', pos);
      if (end < 0) {
        end = length;
      }
      lineNo++;
      if (!text.substring(pos, end).isBlank()) {
        fields.parse(source, lineNo, text, pos, end);
        event(builder, source, lineNo, fields);
      }
      pos = end + 1;
    }
    return builder.build();
  }

  private static void event(
      OperationBuilder<Op, String> builder, String source, int line, EdnLine m) {
    String processText = m.require(":process");
    int process;
    try {
      process = Integer.parseInt(processText);
    } catch (NumberFormatException e) {
      throw new MalformedHistoryException(
          source, line, ":process " + processText + " is not a number");
    }
    String f = m.require(":f");
    KvModel.Kind kind =
        switch (f) {
          case ":get" -> KvModel.Kind.GET;
          case ":put" -> KvModel.Kind.PUT;
          case ":append" -> KvModel.Kind.APPEND;
          default ->
              throw new MalformedHistoryException(
                  source, line, "unknown :f " + f + " (expected :get, :put or :append)");
        };
    String key = m.string(":key");
    if (key == null) {
      throw new MalformedHistoryException(source, line, ":key must be a string");
    }
    String value = m.string(":value");
    String type = m.require(":type");
    switch (type) {
      case ":invoke" -> {
        if (kind != KvModel.Kind.GET && value == null) {
          throw new MalformedHistoryException(source, line, f + " needs a string :value");
        }
        builder.invoke(line, process, f, new Op(kind, key, value));
      }
      case ":ok" -> {
        if (kind == KvModel.Kind.GET && value == null) {
          throw new MalformedHistoryException(source, line, "an :ok :get needs a string :value");
        }
        builder.ok(line, process, f, kind == KvModel.Kind.GET ? value : "");
      }
      case ":fail" -> builder.failed(line, process, f);
      case ":info" -> builder.unknown(line, process, f);
      default ->
          throw new MalformedHistoryException(
              source, line, "unknown :type " + type + " (expected :invoke, :ok, :fail, :info)");
    }
  }

  /**
   * One flat EDN map of keywords to scalars (numbers, keywords, nil, strings), parsed by hand: much
   * cheaper than a general EDN reader, and all these logs need.
   */
  private static final class EdnLine {
    private final String[] keys = new String[8];
    private final String[] values = new String[8];
    private final boolean[] quoted = new boolean[8];
    private int size;
    private String source;
    private int line;

    void parse(String source, int line, String text, int from, int to) {
      this.source = source;
      this.line = line;
      size = 0;
      int i = skipSpace(text, from, to);
      if (i >= to || text.charAt(i) != '{') {
        throw error("expected an EDN map '{:process ..., :type ..., ...}'");
      }
      i++;
      while (true) {
        i = skipSpace(text, i, to);
        if (i >= to) {
          throw error("unterminated map: missing '}'");
        }
        if (text.charAt(i) == '}') {
          return;
        }
        if (text.charAt(i) != ':') {
          throw error("expected a keyword at column " + (i - from + 1));
        }
        int start = i;
        while (i < to && " \t,}".indexOf(text.charAt(i)) < 0) {
          i++;
        }
        String key = text.substring(start, i);
        i = skipSpace(text, i, to);
        if (i >= to) {
          throw error("missing value for " + key);
        }
        boolean isString = text.charAt(i) == '"';
        String value;
        if (isString) {
          StringBuilder sb = new StringBuilder();
          i++;
          while (i < to && text.charAt(i) != '"') {
            char c = text.charAt(i++);
            if (c == '\\' && i < to) {
              c = text.charAt(i++);
              c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
            }
            sb.append(c);
          }
          if (i >= to) {
            throw error("unterminated string for " + key);
          }
          i++;
          value = sb.toString();
        } else {
          start = i;
          while (i < to && " \t,}".indexOf(text.charAt(i)) < 0) {
            i++;
          }
          value = text.substring(start, i);
        }
        if (size == keys.length) {
          throw error("too many entries in the map");
        }
        keys[size] = key;
        values[size] = value;
        quoted[size++] = isString;
      }
    }

    private static int skipSpace(String text, int i, int to) {
      while (i < to && " \t\r,".indexOf(text.charAt(i)) >= 0) {
        i++;
      }
      return i;
    }

    private int find(String key) {
      for (int k = 0; k < size; k++) {
        if (keys[k].equals(key)) {
          return k;
        }
      }
      return -1;
    }

    String require(String key) {
      int k = find(key);
      if (k < 0) {
        throw error("missing " + key);
      }
      return values[k];
    }

    /** A string entry: its text; {@code nil} or absent: null. */
    String string(String key) {
      int k = find(key);
      if (k < 0 || (!quoted[k] && values[k].equals("nil"))) {
        return null;
      }
      if (!quoted[k]) {
        throw error(key + " must be a string or nil, got " + values[k]);
      }
      return values[k];
    }

    private MalformedHistoryException error(String problem) {
      return new MalformedHistoryException(source, line, problem);
    }
  }
}
