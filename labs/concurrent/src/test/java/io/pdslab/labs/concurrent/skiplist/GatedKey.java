package io.pdslab.labs.concurrent.skiplist;

import io.pdslab.labs.concurrent.given.Levels;

/**
 * An int key whose comparisons pass through a {@link CompareGate}. Its hash code is the int's, so
 * its tower height is {@link Levels#topLevel} of that int, and a check can pick keys by height.
 */
final class GatedKey implements Comparable<GatedKey> {
  private final int value;
  private final CompareGate gate;

  GatedKey(int value, CompareGate gate) {
    this.value = value;
    this.gate = gate;
  }

  /** The smallest int of at least {@code from} whose tower has exactly {@code topLevel}. */
  static int withTopLevel(int topLevel, int from) {
    int v = from;
    while (Levels.topLevel(Integer.hashCode(v)) != topLevel) {
      v++;
    }
    return v;
  }

  @Override
  public int compareTo(GatedKey other) {
    gate.onCompare();
    return Integer.compare(value, other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GatedKey k && k.value == value;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(value);
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
