// HANDOUT: OMIT
package io.pdslab.labs.replication.baseline;

import org.jgroups.Event;
import org.jgroups.MergeView;
import org.jgroups.View;
import org.jgroups.stack.Protocol;

/**
 * A known-bad stack for part D: placed above GMS, it hands the replica every {@link MergeView} as a
 * plain {@link View}, so a correct {@code PartitionedReplica} behaves like one that ignores merges:
 * the merged group's coordinator keeps its side's state, even when that side lost, and copies it
 * over the side that executed the writes. The part D tests must fail on it.
 */
public final class ForgetsMerges extends Protocol {

  @Override
  public Object up(Event evt) {
    if (evt.getType() == Event.VIEW_CHANGE && evt.getArg() instanceof MergeView merge) {
      return up_prot.up(
          new Event(Event.VIEW_CHANGE, new View(merge.getViewId(), merge.getMembers())));
    }
    return up_prot.up(evt);
  }
}
