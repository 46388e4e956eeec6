/**
 * The child JVM's side of running tests ({@link io.pdslab.grader.runner.ChildMain}): it discovers
 * and runs the selected JUnit tests and reports each result on the authenticated result channel.
 * Nothing here is trusted: the tested code runs in this JVM. It depends on JUnit only.
 */
package io.pdslab.grader.runner;
