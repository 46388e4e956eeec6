package io.pdslab.grader.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pdslab.grader.check.ApiRule;
import io.pdslab.grader.manifest.LabManifest.Limits;
import io.pdslab.grader.manifest.LabManifest.Part;
import io.pdslab.grader.manifest.LabManifest.PerformanceCheck;
import io.pdslab.grader.manifest.LabManifest.TestEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and validates lab manifests. Every error names the file and the JSON path of the field at
 * fault, e.g. {@code labs/raft/lab.json: parts[1].tests[0].points: expected an integer >= 0}.
 */
public final class ManifestLoader {
  /** The manifest's file name inside a lab folder. */
  public static final String FILE_NAME = "lab.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ManifestLoader() {}

  /** Loads every lab under {@code root/labs}, sorted by name. */
  public static List<LabManifest> loadAll(Path root) {
    Path labs = root.resolve("labs");
    if (!Files.isDirectory(labs)) {
      throw new ManifestException("no labs/ folder under " + root);
    }
    List<LabManifest> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(labs)) {
      for (Path dir : dirs.sorted().toList()) {
        if (Files.isRegularFile(dir.resolve(FILE_NAME))) {
          out.add(load(dir.resolve(FILE_NAME)));
        }
      }
    } catch (IOException e) {
      throw new ManifestException("cannot list " + labs + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Loads the manifest of the lab named {@code lab} under {@code root/labs}. */
  public static LabManifest load(Path root, String lab) {
    Path file = root.resolve("labs").resolve(lab).resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new ManifestException("no lab named '" + lab + "' (no " + root.relativize(file) + ")");
    }
    return load(file);
  }

  /** Loads and validates one manifest file. */
  public static LabManifest load(Path file) {
    JsonNode node;
    try {
      node = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new ManifestException(
          file
              + ": not valid JSON at line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new ManifestException(file + ": cannot read: " + e.getMessage(), e);
    }
    return new Reader(file).manifest(node);
  }

  /** Validating reader; keeps the file name for messages. */
  private record Reader(Path file) {
    LabManifest manifest(JsonNode n) {
      if (n == null || !n.isObject()) {
        throw error("", "expected a JSON object");
      }
      String lab = text(n, "lab", "lab");
      String folder = file.getParent() == null ? lab : file.getParent().getFileName().toString();
      if (!lab.equals(folder)) {
        throw error("lab", "is '" + lab + "' but the folder is '" + folder + "'");
      }
      List<String> editable = new ArrayList<>();
      JsonNode ed = array(n, "editable", "editable");
      for (int i = 0; i < ed.size(); i++) {
        editable.add(text(ed.get(i), "editable[" + i + "]"));
      }
      List<Part> parts = new ArrayList<>();
      JsonNode ps = array(n, "parts", "parts");
      for (int i = 0; i < ps.size(); i++) {
        parts.add(part(ps.get(i), "parts[" + i + "]"));
      }
      Limits limits = limits(n.get("limits"));
      List<PerformanceCheck> perf = new ArrayList<>();
      if (n.has("performance")) {
        JsonNode pf = array(n, "performance", "performance");
        for (int i = 0; i < pf.size(); i++) {
          perf.add(performance(pf.get(i), "performance[" + i + "]"));
        }
      }
      String cluster = n.has("cluster") ? text(n, "cluster", "cluster") : null;
      List<String> allowedApis = new ArrayList<>();
      if (n.has("allowedApis")) {
        JsonNode apis = array(n, "allowedApis", "allowedApis");
        for (int i = 0; i < apis.size(); i++) {
          String rule = text(apis.get(i), "allowedApis[" + i + "]");
          try {
            ApiRule.parse(rule);
          } catch (IllegalArgumentException e) {
            throw error("allowedApis[" + i + "]", e.getMessage());
          }
          allowedApis.add(rule);
        }
      }
      return new LabManifest(
          lab,
          n.has("title") ? text(n, "title", "title") : lab,
          editable,
          parts,
          limits,
          perf,
          cluster,
          List.copyOf(allowedApis));
    }

    Part part(JsonNode n, String path) {
      List<TestEntry> tests = new ArrayList<>();
      JsonNode ts = array(n, "tests", path + ".tests");
      for (int i = 0; i < ts.size(); i++) {
        String p = path + ".tests[" + i + "]";
        JsonNode t = ts.get(i);
        String select = text(t, "select", p + ".select");
        if (!select.matches("[\\w.$]+(#\\w+)?")) {
          throw error(
              p + ".select", "expected TestClass or TestClass#method, got '" + select + "'");
        }
        boolean hidden = t.has("hidden") && bool(t.get("hidden"), p + ".hidden");
        tests.add(new TestEntry(select, integer(t, "points", p + ".points", 0), hidden));
      }
      boolean bonus = n.has("bonus") && bool(n.get("bonus"), path + ".bonus");
      return new Part(text(n, "id", path + ".id"), text(n, "title", path + ".title"), tests, bonus);
    }

    Limits limits(JsonNode n) {
      if (n == null) {
        return new Limits(120, 900, 512);
      }
      return new Limits(
          n.has("testTimeoutSeconds")
              ? integer(n, "testTimeoutSeconds", "limits.testTimeoutSeconds", 1)
              : 120,
          n.has("totalTimeoutSeconds")
              ? integer(n, "totalTimeoutSeconds", "limits.totalTimeoutSeconds", 1)
              : 900,
          n.has("heapMb") ? integer(n, "heapMb", "limits.heapMb", 64) : 512);
    }

    PerformanceCheck performance(JsonNode n, String path) {
      JsonNode r = n.get("minRatio");
      if (r == null || !r.isNumber() || r.asDouble() <= 0) {
        throw error(path + ".minRatio", "expected a number > 0");
      }
      double fullRatio = r.asDouble();
      if (n.has("fullRatio")) {
        JsonNode f = n.get("fullRatio");
        if (!f.isNumber() || f.asDouble() < r.asDouble()) {
          throw error(path + ".fullRatio", "expected a number >= minRatio");
        }
        fullRatio = f.asDouble();
      }
      return new PerformanceCheck(
          text(n, "name", path + ".name"),
          text(n, "benchmark", path + ".benchmark"),
          r.asDouble(),
          fullRatio,
          integer(n, "points", path + ".points", 0));
    }

    String text(JsonNode n, String field, String path) {
      return text(n == null ? null : n.get(field), path);
    }

    String text(JsonNode v, String path) {
      if (v == null || !v.isTextual() || v.asText().isBlank()) {
        throw error(path, "expected a non-empty string");
      }
      return v.asText();
    }

    JsonNode array(JsonNode n, String field, String path) {
      JsonNode v = n.get(field);
      if (v == null || !v.isArray()) {
        throw error(path, "expected an array");
      }
      return v;
    }

    int integer(JsonNode n, String field, String path, int min) {
      JsonNode v = n.get(field);
      if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
        throw error(path, "expected an integer >= " + min);
      }
      return v.asInt();
    }

    boolean bool(JsonNode v, String path) {
      if (!v.isBoolean()) {
        throw error(path, "expected true or false");
      }
      return v.asBoolean();
    }

    ManifestException error(String path, String what) {
      return new ManifestException(file + ": " + (path.isEmpty() ? "" : path + ": ") + what);
    }
  }
}
