package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.labs.concurrent.given.ConcurrentSet;
import io.pdslab.labs.concurrent.given.Levels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lock-free skip list (AMP §14.4): each level is a Harris-style lock-free list whose next
 * references carry a "deleted" mark. The bottom level is the set; upper levels are shortcuts.
 * {@code remove} marks the tower top-down and its bottom mark is the linearization point; {@code
 * find} physically snips marked nodes; {@code contains} is wait-free and snips nothing.
 *
 * @param <T> item type, compared by {@link Comparable#compareTo}
 */
public final class LockFreeSkipList<T extends Comparable<? super T>> implements ConcurrentSet<T> {
  static final int MAX_LEVEL = Levels.MAX_LEVEL;

  /**
   * What {@code next[level]} holds: a successor and the "deleted" mark of the node that owns the
   * link, swapped together by one compare-and-set, as in {@link
   * java.util.concurrent.atomic.AtomicMarkableReference}. An unmarked link to a node is the node
   * itself; a marked link is a {@link Marked}, made once, when the node's removal marks it. A
   * traversal step then reads array and node instead of array, atomic, pair and node, the mark is
   * the class of an object the step reads anyway, and a node is 24 bytes (item, sentinel and array;
   * its height is the array's length): the smaller the nodes, the more of the list stays in the
   * cache.
   */
  abstract static class Link<T extends Comparable<? super T>> {
    /** Whether the node owning this link is (being) removed. */
    final boolean marked() {
      return this instanceof Marked;
    }

    /** The successor this link points to, marked or not. */
    @SuppressWarnings("unchecked")
    final Node<T> node() {
      return this instanceof Marked<T> m ? m.successor : (Node<T>) this;
    }

    /** The link to {@code node} with mark {@code marked}. */
    static <T extends Comparable<? super T>> Link<T> of(Node<T> node, boolean marked) {
      return marked ? new Marked<>(node) : node;
    }
  }

  /** A marked link: the owner of the link is removed; {@code successor} is where it pointed. */
  static final class Marked<T extends Comparable<? super T>> extends Link<T> {
    final Node<T> successor;

    Marked(Node<T> successor) {
      this.successor = successor;
    }
  }

  /** A tower; {@code item} is null in the head and tail sentinels. */
  static final class Node<T extends Comparable<? super T>> extends Link<T> {
    /** Atomic access to the elements of {@link #next}. */
    private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(Link[].class);

    final T item;

    /** -1 for the head sentinel, +1 for the tail sentinel, 0 for item nodes. */
    final int sentinel;

    /** One link per level, read and written only through {@link #NEXT}. */
    private final Link<T>[] next;

    @SuppressWarnings("unchecked")
    Node(T item, int sentinel, int topLevel) {
      this.item = item;
      this.sentinel = sentinel;
      this.next = (Link<T>[]) new Link<?>[topLevel + 1];
    }

    /** The highest level of this tower. */
    int topLevel() {
      return next.length - 1;
    }

    /** The link at {@code level}: successor and mark, read together (a volatile read). */
    @SuppressWarnings("unchecked")
    Link<T> link(int level) {
      return (Link<T>) NEXT.getVolatile(next, level);
    }

    /**
     * Sets the link at {@code level}; only before the node is published (a plain write: the
     * compare-and-set that publishes the node makes it visible), or in the set's constructor.
     */
    void initNext(int level, Node<T> succ) {
      NEXT.set(next, level, succ);
    }

    /** The successor an unmarked {@code link} points to: the link itself (see {@link Link}). */
    @SuppressWarnings("unchecked")
    static <T extends Comparable<? super T>> Node<T> unmarked(Link<T> link) {
      return (Node<T>) link;
    }

    /**
     * Sets successor and mark at {@code level} to {@code newNode}/{@code newMark} if they are
     * {@code expectedNode}/{@code expectedMark}: {@code AtomicMarkableReference.compareAndSet}.
     */
    boolean compareAndSet(
        int level, Node<T> expectedNode, Node<T> newNode, boolean expectedMark, boolean newMark) {
      Link<T> current = link(level);
      return current.node() == expectedNode
          && current.marked() == expectedMark
          && ((newNode == expectedNode && newMark == expectedMark)
              || NEXT.compareAndSet(next, level, current, Link.of(newNode, newMark)));
    }

    /** Sign of this node's key compared to {@code x}. */
    int compareTo(T x) {
      return sentinel != 0 ? sentinel : item.compareTo(x);
    }
  }

  private final Node<T> head = new Node<>(null, -1, MAX_LEVEL - 1);
  private final Node<T> tail = new Node<>(null, +1, MAX_LEVEL - 1);

  /** An empty set. */
  public LockFreeSkipList() {
    for (int level = 0; level < MAX_LEVEL; level++) {
      head.initNext(level, tail);
      tail.initNext(level, tail); // unmarked, so a traversal may read it; it stops at the tail
    }
  }

  @Override
  public boolean add(T item) {
    int topLevel = Levels.topLevel(item);
    @SuppressWarnings("unchecked")
    Node<T>[] preds = (Node<T>[]) new Node<?>[MAX_LEVEL];
    @SuppressWarnings("unchecked")
    Node<T>[] succs = (Node<T>[]) new Node<?>[MAX_LEVEL];
    // BEGIN SOLUTION
    while (true) {
      if (find(item, preds, succs, true)) {
        return false;
      }
      Node<T> node = new Node<>(item, 0, topLevel);
      for (int level = 0; level <= topLevel; level++) {
        node.initNext(level, succs[level]);
      }
      if (!preds[0].compareAndSet(0, succs[0], node, false, false)) {
        continue;
      }
      // Linked at the bottom: the item is in the set. Now build the shortcuts.
      for (int level = 1; level <= topLevel; level++) {
        while (true) {
          Node<T> succ = succs[level];
          Node<T> current = node.link(level).node();
          // Point our own link at the fresh successor; fails only if a remover marked it.
          if (current != succ && !node.compareAndSet(level, current, succ, false, false)) {
            return true;
          }
          if (node.link(level).marked()) {
            return true;
          }
          if (preds[level].compareAndSet(level, succ, node, false, false)) {
            break;
          }
          find(item, preds, succs, false);
        }
      }
      return true;
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: LockFreeSkipList.add()");
  }

  @Override
  public boolean remove(T item) {
    @SuppressWarnings("unchecked")
    Node<T>[] preds = (Node<T>[]) new Node<?>[MAX_LEVEL];
    @SuppressWarnings("unchecked")
    Node<T>[] succs = (Node<T>[]) new Node<?>[MAX_LEVEL];
    // BEGIN SOLUTION
    // Ask first, as a TTAS lock reads before it swaps: contains() is wait-free and the cheapest
    // search (it records and snips nothing), so a remove of an item that is not there costs only
    // that. (An add asks find() to stop as soon as it meets its item, for the same reason.)
    if (!contains(item)) {
      return false;
    }
    if (!find(item, preds, succs, false)) {
      return false;
    }
    Node<T> victim = succs[0];
    for (int level = victim.topLevel(); level >= 1; level--) {
      Link<T> link = victim.link(level);
      while (!link.marked()) {
        victim.compareAndSet(level, link.node(), link.node(), false, true);
        link = victim.link(level);
      }
    }
    Node<T> succ = victim.link(0).node();
    while (true) {
      boolean iMarkedIt = victim.compareAndSet(0, succ, succ, false, true);
      Link<T> link = victim.link(0);
      succ = link.node();
      if (iMarkedIt) {
        // Snip it physically, from the predecessors find() saw: one compare-and-set per level
        // rather than a second search. If one of them has changed meanwhile, find() snips.
        for (int level = victim.topLevel(); level >= 0; level--) {
          if (!preds[level].compareAndSet(level, victim, victim.link(level).node(), false, false)) {
            find(item, preds, succs, false);
            break;
          }
        }
        return true;
      }
      if (link.marked()) {
        return false; // another remover won
      }
    }
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: LockFreeSkipList.remove()");
  }

  @Override
  public boolean contains(T item) {
    // BEGIN SOLUTION
    // The book's traversal, reading a node's link only when it matters: a node past the item ends
    // the level whatever its mark (we go down from the same predecessor either way).
    Node<T> pred = head;
    for (int level = MAX_LEVEL - 1; level >= 0; level--) {
      Node<T> curr = pred.link(level).node();
      while (true) {
        int sign = curr.compareTo(item);
        if (sign > 0) {
          break;
        }
        Link<T> link = curr.link(level);
        if (link.marked()) {
          curr = link.node(); // skip a removed node without snipping it
        } else if (sign == 0) {
          // Unmarked on this level, so it was in the set a moment ago (towers are marked top
          // down); its bottom mark now says whether it still is. If it is marked, the item was
          // absent just after that mark: a new node for it can only be linked after it.
          return !curr.link(0).marked();
        } else {
          pred = curr;
          curr = Node.unmarked(link); // no load: the next step does not wait for one
        }
      }
    }
    return false;
    // END SOLUTION
    // STUB: throw new UnsupportedOperationException("TODO: LockFreeSkipList.contains()");
  }

  // BEGIN SOLUTION
  /**
   * Fills {@code preds} and {@code succs} around {@code item} on every level, snipping the marked
   * nodes before it on the way; returns whether the bottom-level successor holds the item. With
   * {@code presenceSuffices} (an {@code add}, which needs no predecessors when the item is there),
   * it answers true as soon as it meets the item's node on an upper level unmarked at the bottom,
   * for the reason {@link #contains} may.
   */
  private boolean find(T item, Node<T>[] preds, Node<T>[] succs, boolean presenceSuffices) {
    retry:
    while (true) {
      Node<T> pred = head;
      Node<T> curr = null;
      for (int level = MAX_LEVEL - 1; level >= 0; level--) {
        curr = pred.link(level).node();
        while (true) {
          // A node past the item ends the level whatever its mark, as in contains(): we go down
          // from pred either way, and a search that passes it (its remover's, say) snips it.
          int sign = curr.compareTo(item);
          if (sign > 0) {
            break;
          }
          Link<T> link = curr.link(level);
          if (link.marked()) {
            if (!pred.compareAndSet(level, curr, link.node(), false, false)) {
              continue retry;
            }
            curr = link.node();
          } else if (sign < 0) {
            pred = curr;
            curr = Node.unmarked(link);
          } else if (presenceSuffices && level > 0 && !curr.link(0).marked()) {
            return true;
          } else {
            break;
          }
        }
        preds[level] = pred;
        succs[level] = curr;
      }
      return curr.compareTo(item) == 0;
    }
  }
  // END SOLUTION
}
