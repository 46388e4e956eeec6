package io.pdslab.harness.cluster.pekko;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where each node id lives, as the receptionist last listed it. Read by nodes on their own threads
 * while the guardian replaces it, so it holds one immutable map behind a volatile field.
 *
 * <p>An id may briefly have two actor references: a node that was killed and restarted is listed
 * until the cluster removes the dead incarnation. Messages go to both; the dead one drops them.
 */
final class Directory<M> {
  private volatile Map<String, List<ActorRef<M>>> byId = Map.of();

  void update(Set<ActorRef<M>> refs) {
    Map<String, List<ActorRef<M>>> next = new TreeMap<>();
    for (ActorRef<M> ref : refs) {
      next.computeIfAbsent(ref.path().name(), k -> new ArrayList<>()).add(ref);
    }
    byId = Map.copyOf(next);
  }

  List<ActorRef<M>> refs(String id) {
    return byId.getOrDefault(id, List.of());
  }
}
