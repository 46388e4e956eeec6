package io.pdslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckHistoryCommandTest {

  @TempDir Path dir;

  private String out;

  private int run(String... args) {
    StringWriter sw = new StringWriter();
    CommandLine cli = new CommandLine(new CheckHistoryCommand());
    cli.setOut(new PrintWriter(sw));
    cli.setErr(new PrintWriter(sw));
    int code = cli.execute(args);
    out = sw.toString();
    return code;
  }

  private Path file(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void printsOneLinePerFileAndExitsByTheWorstVerdict() throws Exception {
    Path ok =
        file(
            "ok.log",
            "INFO  jepsen.util - 0\t:invoke\t:write\t1\nINFO  jepsen.util - 0\t:ok\t:write\t1\n"
                + "INFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO  jepsen.util - 1\t:ok\t:read\t1\n");
    Path bad =
        file(
            "bad.log",
            "INFO  jepsen.util - 0\t:invoke\t:write\t1\nINFO  jepsen.util - 0\t:ok\t:write\t1\n"
                + "INFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO  jepsen.util - 1\t:ok\t:read\t2\n");
    assertEquals(0, run("--model", "cas-register", ok.toString()));
    assertTrue(out.matches("(?s).*ok\\.log: linearizable \\(2 ops, \\d+ ms\\)\\R"), out);

    Path html = dir.resolve("html");
    assertEquals(
        1,
        run("--model", "cas-register", "--html", html.toString(), ok.toString(), bad.toString()));
    assertTrue(out.contains("bad.log: violation (2 ops,"), out);
    assertTrue(Files.readString(html.resolve("bad.log.html")).contains("client 1"));
  }

  @Test
  void withoutModelEachFileIsCheckedWithTheModelItsFormatImplies() throws Exception {
    Path etcd =
        file(
            "r.log",
            "INFO  jepsen.util - 0\t:invoke\t:write\t1\nINFO  jepsen.util - 0\t:ok\t:write\t1\n");
    Path edn =
        file(
            "k.txt",
            "{:process 0, :type :invoke, :f :get, :key \"k\", :value nil}\n"
                + "{:process 0, :type :ok, :f :get, :key \"k\", :value \"x\"}\n");
    Path json =
        file(
            "k.json",
            "{\"format\":\"pdslab-history\",\"version\":1,\"model\":\"kv\",\"operations\":["
                + "{\"client\":0,\"call\":0,\"return\":1,\"f\":\"get\",\"key\":\"k\","
                + "\"output\":\"\"}]}");
    assertEquals(1, run(etcd.toString(), edn.toString(), json.toString()));
    assertTrue(out.contains("r.log: linearizable (1 ops,"), out);
    assertTrue(out.contains("k.txt: violation (1 ops,"), out);
    assertTrue(out.contains("k.json: linearizable (1 ops,"), out);
    Path noModel = file("n.json", "{\"format\":\"pdslab-history\",\"version\":1}");
    assertEquals(2, run(noModel.toString()));
    assertTrue(out.contains("give --model"), out);
  }

  @Test
  void malformedInputNamesFileAndLineAndExitsTwo() throws Exception {
    Path broken = file("broken.txt", "{:process 0, :type :invoke, :f :frob, :key \"k\"}\n");
    assertEquals(2, run("--model", "kv", broken.toString()));
    assertTrue(out.contains("broken.txt:1: unknown :f :frob"), out);
    Path wrongModel = file("w.log", "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n");
    assertEquals(2, run("--model", "kv", wrongModel.toString()));
    assertTrue(out.contains("cannot be checked with --model kv"), out);
  }

  @Test
  void readsPdslabJsonAndReportsUnknownWhenTheBudgetIsSpent() throws Exception {
    StringBuilder ops = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      ops.append(
          String.format(
              "{\"client\":%d,\"call\":0,\"return\":100,\"f\":\"append\",\"key\":\"k\",\"value\":\"<%d>\"},",
              i, i));
    }
    ops.append(
        "{\"client\":40,\"call\":200,\"return\":210,\"f\":\"get\",\"key\":\"k\",\"output\":\"x\"}");
    Path hard =
        file(
            "hard.json",
            "{\"format\":\"pdslab-history\",\"version\":1,\"model\":\"kv\",\"operations\":["
                + ops
                + "]}");
    assertEquals(2, run("--model", "kv", "--timeout", "0.05", hard.toString()));
    assertTrue(out.contains("hard.json: unknown (41 ops,"), out);
  }
}
