import io.pdslab.harness.lin.format.EdnKvFormat;
import io.pdslab.harness.lin.format.EtcdLogFormat;
import io.pdslab.harness.lin.format.JsonHistoryFormat;
import io.pdslab.harness.lin.gen.HistoryGenerator;
import io.pdslab.harness.lin.gen.HistoryGenerator.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the histories that check-history-vs-porcupine.sh times, all in the pdslab JSON format
 * (which both checkers read): each Jepsen log given, converted, and generated large kv histories.
 *
 * <pre>java -cp grader/target/pdslab.jar benchmarks/scripts/WriteHistories.java OUT SEEDS FILE...
 * </pre>
 *
 * writes OUT/NAME.json for each FILE and, for seeds 1..SEEDS, OUT/gen-kv-c50-SEED-bad.json (50
 * clients, 10 keys, 2000 operations, one read of a value never written) and
 * OUT/gen-kv-c50-SEED-ok.json (the same without it); prints each path with its expected verdict.
 */
public class WriteHistories {
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: WriteHistories OUT SEEDS [FILE...]");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out);
    for (int i = 2; i < args.length; i++) {
      Path in = Path.of(args[i]);
      String text = Files.readString(in, StandardCharsets.UTF_8);
      String json;
      if (EtcdLogFormat.detect(text)) {
        json = JsonHistoryFormat.writeRegister(EtcdLogFormat.parse(args[i], text));
      } else if (EdnKvFormat.detect(text)) {
        json = JsonHistoryFormat.writeKv(EdnKvFormat.parse(args[i], text));
      } else {
        throw new IllegalArgumentException(in + ": neither a Jepsen etcd log nor an EDN kv log");
      }
      Files.writeString(out.resolve(in.getFileName() + ".json"), json);
    }
    int seeds = Integer.parseInt(args[1]);
    for (int seed = 1; seed <= seeds; seed++) {
      for (boolean bad : new boolean[] {true, false}) {
        Settings settings = new Settings(50, 2000, 10, 0, bad, seed);
        Path file = out.resolve("gen-kv-c50-" + seed + (bad ? "-bad" : "-ok") + ".json");
        Files.writeString(file, JsonHistoryFormat.writeKv(HistoryGenerator.kv(settings)));
        System.out.println(file + " " + (bad ? "violation" : "linearizable"));
      }
    }
  }
}
