/*
package io.pdslab.labs.demo;
*/
package org.junit.jupiter.api;

/**
 * Hostile: the package line the grader's text check sees is in a comment; the class really lands
 * in JUnit's package, ahead of JUnit on the class path, where it could replace JUnit's classes.
 */
public class Counter {
  private int value;

  public void increment() {
    value++;
  }

  public int get() {
    return value;
  }

  public static long stepsFor(int n) {
    return n;
  }

  public void reset() {
    value = 0;
  }
}
