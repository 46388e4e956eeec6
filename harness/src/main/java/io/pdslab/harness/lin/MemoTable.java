package io.pdslab.harness.lin;

import java.util.Arrays;

/**
 * The set of (linearised operations, model state) pairs already explored: open addressing over
 * parallel arrays, keyed by a 64-bit hash that the search maintains incrementally (a Zobrist hash
 * of the bitset mixed with the state's hash), so a lookup costs one probe and, on a hit, one bitset
 * comparison.
 */
final class MemoTable {

  private long[] hashes;
  private long[][] bitsets;
  private Object[] states;
  private int size;
  private final long maxEntries;

  /**
   * @param maxEntries the memory budget, in entries; {@link #add} refuses beyond it
   */
  MemoTable(long maxEntries) {
    this.maxEntries = maxEntries;
    allocate(1024);
  }

  private void allocate(int capacity) {
    hashes = new long[capacity];
    bitsets = new long[capacity][];
    states = new Object[capacity];
  }

  int size() {
    return size;
  }

  /** Whether the budget allows another entry. */
  boolean full() {
    return size >= maxEntries;
  }

  /**
   * Adds the pair unless present.
   *
   * @return true if it was new (the bitset is copied)
   */
  boolean add(long hash, long[] bits, Object state) {
    int mask = hashes.length - 1;
    int i = (int) (mix(hash) & mask);
    while (bitsets[i] != null) {
      if (hashes[i] == hash && Arrays.equals(bitsets[i], bits) && states[i].equals(state)) {
        return false;
      }
      i = (i + 1) & mask;
    }
    hashes[i] = hash;
    bitsets[i] = bits.clone();
    states[i] = state;
    if (++size * 2 > hashes.length) {
      grow();
    }
    return true;
  }

  private void grow() {
    long[] oldHashes = hashes;
    long[][] oldBits = bitsets;
    Object[] oldStates = states;
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
      }
    }
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }
}
