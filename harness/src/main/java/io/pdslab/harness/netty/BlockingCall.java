package io.pdslab.harness.netty;

/**
 * A blocking call found on a Netty event-loop thread.
 *
 * @param thread the event-loop thread's name
 * @param method the blocking JDK method, e.g. {@code java.lang.Thread.sleep}
 * @param stack where it was called: the error thrown into the caller, whose stack trace leads from
 *     the blocking method to the code that called it
 */
public record BlockingCall(String thread, String method, Throwable stack) {

  /** One line: which thread called which blocking method. */
  @Override
  public String toString() {
    return "blocking call " + method + " on event-loop thread " + thread;
  }
}
