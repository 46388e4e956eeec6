package io.pdslab.harness.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Generates a seeded, Raft-looking trace in the event schema the simulator writes: messages with
 * delays, losses and duplicates, timers, logs, client operations, crashes, pauses, partitions,
 * nemesis lines and a final failure. Used to exercise the viewer at scale.
 */
final class SyntheticTrace {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] TYPES = {
    "AppendEntries", "AppendEntriesReply", "RequestVote", "RequestVoteReply", "InstallSnapshot"
  };

  private record Pending(long t, long order, ObjectNode event) {}

  private final Random random;
  private final int nodes;
  private final List<String> lines = new ArrayList<>();
  private final PriorityQueue<Pending> network =
      new PriorityQueue<>(
          (a, b) -> a.t != b.t ? Long.compare(a.t, b.t) : Long.compare(a.order, b.order));
  private long now;
  private long order;
  private int nextId;
  private int nextOp;

  private SyntheticTrace(long seed, int nodes) {
    this.random = new Random(seed);
    this.nodes = nodes;
  }

  /** Exactly {@code count} JSON lines, the last one a {@code fail} event. */
  static List<String> generate(long seed, int nodes, int count) {
    SyntheticTrace trace = new SyntheticTrace(seed, nodes);
    for (int i = 0; i < nodes; i++) {
      trace.emit(trace.event("start").put("node", "n" + i));
    }
    while (trace.lines.size() < count - 1) {
      trace.step();
    }
    List<String> lines = new ArrayList<>(trace.lines.subList(0, count - 1));
    lines.add(
        JSON.createObjectNode()
            .put("seq", count - 1)
            .put("t", trace.now)
            .put("type", "fail")
            .put("text", "election safety: two leaders in term 3: n0, n1")
            .toString());
    return lines;
  }

  private void step() {
    now += random.nextInt(3);
    while (!network.isEmpty() && network.peek().t <= now) {
      emit(network.poll().event);
    }
    int dice = random.nextInt(100);
    String node = "n" + random.nextInt(nodes);
    if (dice < 70) {
      send(node);
    } else if (dice < 78) {
      emit(event("timer").put("node", node).put("key", "election").put("msg", "ElectionTimeout"));
    } else if (dice < 86) {
      emit(event("log").put("node", node).put("text", "became leader in term " + now / 100));
    } else if (dice < 94) {
      clientOperation();
    } else if (dice < 96) {
      emit(event("nemesis").put("text", "random nemesis: crash " + node));
      emit(event("crash").put("node", node));
      network.add(new Pending(now + 40, order++, event("restart").put("node", node)));
    } else if (dice < 97) {
      emit(event("pause").put("node", node));
      network.add(new Pending(now + 25, order++, event("resume").put("node", node)));
    } else if (dice < 98) {
      ObjectNode partition = event("partition");
      partition.putArray("groups").add(JSON.createArrayNode().add("n0").add("n1"));
      partition.withArray("groups").add(JSON.createArrayNode().add("n2"));
      emit(partition);
      network.add(new Pending(now + 60, order++, event("heal")));
    } else {
      emit(event("link").put("from", node).put("to", "n0").put("up", random.nextBoolean()));
    }
  }

  private void send(String from) {
    String to =
        "n" + ((Integer.parseInt(from.substring(1)) + 1 + random.nextInt(nodes - 1)) % nodes);
    String type = TYPES[random.nextInt(TYPES.length)];
    int id = nextId++;
    emit(
        event("send")
            .put("from", from)
            .put("to", to)
            .put("id", id)
            .put("msg", type)
            .put("body", type + "[term=" + now / 100 + ", entries=[\"</script><b>x\"]]"));
    long arrival = now + 1 + random.nextInt(30);
    int fate = random.nextInt(100);
    if (fate < 6) {
      network.add(new Pending(arrival, order++, message("drop", from, to, id, type)));
    } else {
      if (fate < 9) {
        network.add(new Pending(now + 1, order++, message("duplicate", from, to, id, type)));
        network.add(new Pending(arrival + 5, order++, message("deliver", from, to, id, type)));
      }
      network.add(new Pending(arrival, order++, message("deliver", from, to, id, type)));
    }
  }

  private ObjectNode message(String kind, String from, String to, int id, String type) {
    ObjectNode event = JSON.createObjectNode();
    event.put("type", kind).put("from", from).put("to", to).put("id", id).put("msg", type);
    if (kind.equals("drop")) {
      event.put("reason", "loss");
    }
    return event;
  }

  private void clientOperation() {
    String client = "c" + random.nextInt(2);
    int op = nextOp++;
    emit(
        event("invoke")
            .put("client", client)
            .put("op", op)
            .put("f", "put")
            .put("key", "x")
            .put("value", String.valueOf(op)));
    network.add(
        new Pending(
            now + 5 + random.nextInt(80),
            order++,
            event("return")
                .put("client", client)
                .put("op", op)
                .put("f", "put")
                .put("result", "ok")));
  }

  private ObjectNode event(String type) {
    return JSON.createObjectNode().put("type", type);
  }

  /** Writes the event with seq and t first, as the simulator does. */
  private void emit(ObjectNode body) {
    ObjectNode event = JSON.createObjectNode().put("seq", lines.size()).put("t", now);
    event.setAll(body);
    lines.add(event.toString());
  }
}
