package io.pdslab.labs.demo;

public class Counter {
  public void increment() { value++ }
}
