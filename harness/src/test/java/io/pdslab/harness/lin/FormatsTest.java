package io.pdslab.harness.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pdslab.harness.lin.format.EdnKvFormat;
import io.pdslab.harness.lin.format.EtcdLogFormat;
import io.pdslab.harness.lin.format.JsonHistoryFormat;
import io.pdslab.harness.lin.format.MalformedHistoryException;
import io.pdslab.harness.lin.model.KvModel;
import io.pdslab.harness.lin.model.RegisterModel.Op;
import io.pdslab.harness.lin.model.RegisterModel.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatsTest {

  @Test
  void etcdLogPairsEventsByProcessAndKeepsUnknownOutcomesPending() {
    String log =
        """
        2016-01-01 INFO  jepsen.core - Running test
        INFO  jepsen.util - 0\t:invoke\t:write\t3
        INFO  jepsen.util - 1\t:invoke\t:cas\t[3 4]
        INFO  jepsen.util - 0\t:ok\t:write\t3
        INFO  jepsen.util - 2\t:invoke\t:read\tnil
        INFO  jepsen.util - 1\t:info\t:cas\t:timed-out
        INFO  jepsen.util - 2\t:ok\t:read\t3
        INFO  jepsen.util - 3\t:invoke\t:cas\t[1 2]
        INFO  jepsen.util - 3\t:fail\t:cas\t[1 2]
        """;
    List<Operation<Op<String>, Result<String>>> ops = EtcdLogFormat.parse("t.log", log);
    assertEquals(
        List.of(
            Operation.of(0, Op.write("3"), Result.success(), 0, 2),
            Operation.pending(1, Op.cas("3", "4"), 1),
            Operation.of(2, Op.read(), Result.read("3"), 3, 5),
            Operation.of(3, Op.cas("1", "2"), Result.failed(), 6, 7)),
        ops);
  }

  @Test
  void etcdErrorsNameFileAndLine() {
    var e =
        assertThrows(
            MalformedHistoryException.class,
            () ->
                EtcdLogFormat.parse(
                    "bad.log",
                    "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n"
                        + "INFO  jepsen.util - 1\t:ok\t:read\t3\n"));
    assertEquals("bad.log:2: completion for process 1 which has no open operation", e.getMessage());
    var cas =
        assertThrows(
            MalformedHistoryException.class,
            () -> EtcdLogFormat.parse("c.log", "INFO  jepsen.util - 0 :invoke :cas 3\n"));
    assertTrue(cas.getMessage().startsWith("c.log:1: cas expects [FROM TO]"), cas.getMessage());
  }

  @Test
  void ednLogParsesAndReportsBadLines() {
    String log =
        """
        {:process 0, :type :invoke, :f :append, :key "k", :value "x 0 0 y"}
        {:process 1, :type :invoke, :f :get, :key "k", :value nil}
        {:process 0, :type :ok, :f :append, :key "k", :value "x 0 0 y"}
        {:process 1, :type :ok, :f :get, :key "k", :value "x 0 0 y"}
        {:process 2, :type :invoke, :f :put, :key "j", :value "q\\"r"}
        """;
    var ops = EdnKvFormat.parse("kv.txt", log);
    assertEquals(
        List.of(
            Operation.of(0, KvModel.Op.append("k", "x 0 0 y"), "", 0, 2),
            Operation.of(1, KvModel.Op.get("k"), "x 0 0 y", 1, 3),
            Operation.pending(2, KvModel.Op.put("j", "q\"r"), 4)),
        ops);
    var e =
        assertThrows(
            MalformedHistoryException.class,
            () ->
                EdnKvFormat.parse("kv.txt", "\n{:process 0, :type :invoke, :f :get, :key \"k\"\n"));
    assertEquals("kv.txt:2: unterminated map: missing '}'", e.getMessage());
  }

  @Test
  void jsonHistoriesRoundTrip() {
    List<Operation<KvModel.Op, String>> kv =
        List.of(
            Operation.of(0, KvModel.Op.put("x", "1"), "", 0, 5),
            Operation.of(1, KvModel.Op.get("x"), "1", 1, 6),
            Operation.pending(2, KvModel.Op.append("x", "2"), 2));
    assertEquals(kv, JsonHistoryFormat.parseKv("h.json", JsonHistoryFormat.writeKv(kv)));
    List<Operation<Op<String>, Result<String>>> reg =
        List.of(
            Operation.of(0, Op.write("1"), Result.success(), 0, 5),
            Operation.of(1, Op.read(), Result.read(null), 1, 6),
            Operation.of(2, Op.cas("1", "2"), Result.failed(), 2, 7),
            Operation.pending(3, Op.cas(null, "3"), 3));
    assertEquals(
        reg, JsonHistoryFormat.parseRegister("h.json", JsonHistoryFormat.writeRegister(reg)));
    var e =
        assertThrows(
            MalformedHistoryException.class,
            () ->
                JsonHistoryFormat.parseKv(
                    "h.json",
                    "{\"format\":\"pdslab-history\",\"version\":1,\"model\":\"kv\","
                        + "\"operations\":[{\"client\":0,\"call\":1,\"f\":\"get\"}]}"));
    assertEquals("h.json: operations[0]: missing \"key\"", e.getMessage());
  }
}
