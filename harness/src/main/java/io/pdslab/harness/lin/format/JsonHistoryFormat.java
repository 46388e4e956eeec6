package io.pdslab.harness.lin.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pdslab.harness.lin.Operation;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.lin.model.RegisterModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes the project's own JSON history format (described in the package documentation)
 * for the two models the CLI checks: {@code kv} ({@link KvModel}) and {@code cas-register} ({@link
 * RegisterModel} of strings).
 */
public final class JsonHistoryFormat {

  /** The value of the {@code format} field. */
  public static final String FORMAT = "pdslab-history";

  /** The version this class reads and writes. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonHistoryFormat() {}

  /** Whether {@code text} looks like a JSON history (used for format auto-detection). */
  public static boolean detect(String text) {
    String t = text.stripLeading();
    return t.startsWith("{") && !t.startsWith("{:");
  }

  /**
   * The {@code model} field of a JSON history ({@code kv}, {@code cas-register}), read without
   * parsing the operations; {@code null} if there is none or the text is not a JSON object.
   */
  public static String model(String text) {
    try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("model")) {
          return value == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Parses a {@code kv} history. */
  public static List<Operation<KvModel.Op, String>> parseKv(String source, String text) {
    List<Operation<KvModel.Op, String>> ops = new ArrayList<>();
    for (Entry e : entries(source, text, "kv")) {
      String f = e.text("f");
      KvModel.Kind kind = kind(KvModel.Kind.class, e, f);
      String key = e.text("key");
      if (key == null) {
        throw e.error("missing \"key\"");
      }
      String value = e.text("value");
      if (kind != KvModel.Kind.GET && value == null) {
        throw e.error(f + " needs a string \"value\"");
      }
      String output = null;
      if (!e.pending) {
        output = kind == KvModel.Kind.GET ? e.text("output") : "";
        if (output == null) {
          throw e.error("a completed get needs a string \"output\"");
        }
      }
      ops.add(new Operation<>(e.client, new KvModel.Op(kind, key, value), output, e.call, e.ret));
    }
    return ops;
  }

  /** Parses a {@code cas-register} history. */
  public static List<Operation<RegisterModel.Op<String>, RegisterModel.Result<String>>>
      parseRegister(String source, String text) {
    List<Operation<RegisterModel.Op<String>, RegisterModel.Result<String>>> ops = new ArrayList<>();
    for (Entry e : entries(source, text, "cas-register")) {
      RegisterModel.Kind kind = kind(RegisterModel.Kind.class, e, e.text("f"));
      RegisterModel.Op<String> op =
          new RegisterModel.Op<>(
              kind, kind == RegisterModel.Kind.CAS ? e.text("expected") : null, e.text("value"));
      RegisterModel.Result<String> result = null;
      if (!e.pending) {
        result =
            switch (kind) {
              case READ -> RegisterModel.Result.read(e.text("output"));
              case WRITE -> RegisterModel.Result.success();
              case CAS -> {
                JsonNode ok = e.node.get("output");
                if (ok == null || !ok.isBoolean()) {
                  throw e.error("a completed cas needs \"output\": true or false");
                }
                yield ok.booleanValue()
                    ? RegisterModel.Result.success()
                    : RegisterModel.Result.failed();
              }
            };
      }
      ops.add(new Operation<>(e.client, op, result, e.call, e.ret));
    }
    return ops;
  }

  /** Writes a {@code kv} history. */
  public static String writeKv(List<Operation<KvModel.Op, String>> history) {
    ArrayNode array = MAPPER.createArrayNode();
    for (Operation<KvModel.Op, String> op : history) {
      ObjectNode o = entry(array, op, op.input().kind().name());
      o.put("key", op.input().key());
      if (op.input().value() != null) {
        o.put("value", op.input().value());
      }
      if (!op.isPending() && op.input().kind() == KvModel.Kind.GET) {
        o.put("output", op.output());
      }
    }
    return document("kv", array);
  }

  /** Writes a {@code cas-register} history. */
  public static String writeRegister(
      List<Operation<RegisterModel.Op<String>, RegisterModel.Result<String>>> history) {
    ArrayNode array = MAPPER.createArrayNode();
    for (var op : history) {
      RegisterModel.Op<String> in = op.input();
      ObjectNode o = entry(array, op, in.kind().name());
      if (in.kind() == RegisterModel.Kind.CAS) {
        o.put("expected", in.expected());
      }
      if (in.kind() != RegisterModel.Kind.READ) {
        o.put("value", in.value());
      }
      if (!op.isPending() && in.kind() == RegisterModel.Kind.READ) {
        o.put("output", op.output().value());
      } else if (!op.isPending() && in.kind() == RegisterModel.Kind.CAS) {
        o.put("output", op.output().ok());
      }
    }
    return document("cas-register", array);
  }

  private static ObjectNode entry(ArrayNode array, Operation<?, ?> op, String kind) {
    ObjectNode o = array.addObject();
    o.put("client", op.client());
    o.put("call", op.callTime());
    if (!op.isPending()) {
      o.put("return", op.returnTime());
    }
    o.put("f", kind.toLowerCase(Locale.ROOT));
    return o;
  }

  private static String document(String model, ArrayNode ops) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("model", model);
    root.set("operations", ops);
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <E extends Enum<E>> E kind(Class<E> kinds, Entry e, String f) {
    if (f != null) {
      for (E k : kinds.getEnumConstants()) {
        if (k.name().equalsIgnoreCase(f)) {
          return k;
        }
      }
    }
    throw e.error("unknown \"f\": " + f);
  }

  private static List<Entry> entries(String source, String text, String model) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MalformedHistoryException(
          source,
          e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
          e.getOriginalMessage());
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new MalformedHistoryException(source, 0, "not a " + FORMAT + " document");
    }
    if (root.path("version").asInt() != VERSION) {
      throw new MalformedHistoryException(
          source, 0, "unsupported version " + root.path("version") + " (expected " + VERSION + ")");
    }
    if (!model.equals(root.path("model").asText())) {
      throw new MalformedHistoryException(
          source, 0, "history is for model '" + root.path("model").asText() + "', not " + model);
    }
    JsonNode ops = root.path("operations");
    if (!ops.isArray()) {
      throw new MalformedHistoryException(source, 0, "missing \"operations\" array");
    }
    List<Entry> entries = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      entries.add(new Entry(source, i, ops.get(i)));
    }
    return entries;
  }

  /** One element of the operations array, with its common fields checked. */
  private static final class Entry {
    final String source;
    final int index;
    final JsonNode node;
    final int client;
    final long call;
    final long ret;
    final boolean pending;

    Entry(String source, int index, JsonNode node) {
      this.source = source;
      this.index = index;
      this.node = node;
      if (!node.isObject()) {
        throw error("not an object");
      }
      client = (int) integer("client");
      call = integer("call");
      JsonNode r = node.get("return");
      pending = r == null || r.isNull();
      if (!pending && !r.canConvertToLong()) {
        throw error("\"return\" must be an integer or absent");
      }
      ret = pending ? Operation.PENDING : r.longValue();
      if (ret < call) {
        throw error("returns at " + ret + " before its call at " + call);
      }
    }

    private long integer(String field) {
      JsonNode v = node.get(field);
      if (v == null || !v.canConvertToLong()) {
        throw error("\"" + field + "\" must be an integer");
      }
      return v.longValue();
    }

    /** A scalar field as text; absent or null: null. */
    String text(String field) {
      JsonNode v = node.get(field);
      return v == null || v.isNull() ? null : v.asText();
    }

    MalformedHistoryException error(String problem) {
      return new MalformedHistoryException(source, 0, "operations[" + index + "]: " + problem);
    }
  }
}
