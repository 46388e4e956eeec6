package io.pdslab.harness.lin;

import java.util.Arrays;

/**
 * The configurations the search has already entered, for pruning.
 *
 * <p>A configuration is (completed operations linearised, model state, pending operations
 * linearised). It is redundant when an entered one has the same completed set and state and a
 * <em>subset</em> of its pending operations: linearising a pending operation only removes a choice,
 * never an obligation (it has no return that must be passed), so whatever completes the redundant
 * configuration also completes the entered one. With no pending operations this is the usual
 * (linearised set, state) memo.
 *
 * <p>Open addressing over parallel arrays, keyed by a 64-bit hash that the search maintains
 * incrementally (a Zobrist hash of the completed set mixed with the state's hash), so a lookup
 * costs one probe and, on a hit, one bitset comparison. Each slot keeps its pending sets in one
 * flat {@code long[]}.
 */
final class MemoTable {

  private final int pendingWords;
  private final long maxEntries;
  private long[] hashes;
  private long[][] bitsets;
  private Object[] states;
  private long[][] pendingSets;
  private int[] pendingCounts;
  private int slotsUsed;
  private long entries;

  /**
   * @param pendingWords words per pending-set bitset (0 when the partition has no pending ops)
   * @param maxEntries the memory budget, in entries; {@link #full()} beyond it
   */
  MemoTable(int pendingWords, long maxEntries) {
    this.pendingWords = pendingWords;
    this.maxEntries = maxEntries;
    allocate(1024);
  }

  private void allocate(int capacity) {
    hashes = new long[capacity];
    bitsets = new long[capacity][];
    states = new Object[capacity];
    pendingSets = new long[capacity][];
    pendingCounts = new int[capacity];
  }

  /** How many configurations are stored. */
  long size() {
    return entries;
  }

  /** Whether the budget is spent. */
  boolean full() {
    return entries >= maxEntries;
  }

  /**
   * Records the configuration unless it is redundant.
   *
   * @return true if it was new (the bitsets are copied)
   */
  boolean add(long hash, long[] bits, Object state, long[] pendingBits) {
    int mask = hashes.length - 1;
    int i = (int) (mix(hash) & mask);
    while (bitsets[i] != null) {
      if (hashes[i] == hash && Arrays.equals(bitsets[i], bits) && states[i].equals(state)) {
        return addPendingSet(i, pendingBits);
      }
      i = (i + 1) & mask;
    }
    hashes[i] = hash;
    bitsets[i] = bits.clone();
    states[i] = state;
    pendingSets[i] = pendingWords == 0 ? null : Arrays.copyOf(pendingBits, pendingWords * 2);
    pendingCounts[i] = 1;
    entries++;
    if (++slotsUsed * 2 > hashes.length) {
      grow();
    }
    return true;
  }

  private boolean addPendingSet(int slot, long[] pendingBits) {
    if (pendingWords == 0) {
      return false;
    }
    long[] sets = pendingSets[slot];
    int count = pendingCounts[slot];
    for (int s = 0; s < count; s++) {
      if (isSubset(sets, s * pendingWords, pendingBits)) {
        return false;
      }
    }
    if ((count + 1) * pendingWords > sets.length) {
      sets = Arrays.copyOf(sets, sets.length * 2);
      pendingSets[slot] = sets;
    }
    System.arraycopy(pendingBits, 0, sets, count * pendingWords, pendingWords);
    pendingCounts[slot] = count + 1;
    entries++;
    return true;
  }

  private boolean isSubset(long[] sets, int offset, long[] of) {
    for (int w = 0; w < pendingWords; w++) {
      if ((sets[offset + w] & ~of[w]) != 0) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    long[] oldHashes = hashes;
    long[][] oldBits = bitsets;
    Object[] oldStates = states;
    long[][] oldPending = pendingSets;
    int[] oldCounts = pendingCounts;
    allocate(oldHashes.length * 2);
    int mask = hashes.length - 1;
    for (int j = 0; j < oldHashes.length; j++) {
      if (oldBits[j] != null) {
        int i = (int) (mix(oldHashes[j]) & mask);
        while (bitsets[i] != null) {
          i = (i + 1) & mask;
        }
        hashes[i] = oldHashes[j];
        bitsets[i] = oldBits[j];
        states[i] = oldStates[j];
        pendingSets[i] = oldPending[j];
        pendingCounts[i] = oldCounts[j];
      }
    }
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }
}
