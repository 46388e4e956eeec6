/**
 * The grader: it reads a lab's manifest, builds the lab, writes its handout, and grades submissions
 * in a sandboxed child JVM. Its sub-packages know nothing of the command line ({@code
 * io.pdslab.cli}), which calls into them; a problem with their input is a {@link
 * io.pdslab.grader.GraderException}.
 */
package io.pdslab.grader;
