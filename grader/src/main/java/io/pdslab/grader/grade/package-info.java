/**
 * Grading submissions: a submission's own files ({@link io.pdslab.grader.grade.EditableFiles};
 * given code, in a {@code given} package, never is one) are taken from a folder or zip ({@link
 * io.pdslab.grader.grade.Submission}), laid over the handout, compiled, run by the reference's
 * public and hidden tests in a sandboxed child JVM ({@link io.pdslab.grader.grade.Grader}), scored
 * per part, and reported as Gradescope JSON, JUnit XML, HTML and CSV ({@link
 * io.pdslab.grader.grade.ReportWriter}).
 */
package io.pdslab.grader.grade;
