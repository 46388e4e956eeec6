package io.pdslab.grader.grade;

import java.util.List;

/**
 * One file of a submission's report. Students read these files and much of their text comes from
 * the tested code: each format bounds it ({@link ReportText}) and escapes it for itself.
 */
interface ReportFormat {
  /** The file's name in the submission's report folder. */
  String fileName();

  /** The file's content; {@code traceLinks} are the trace files, relative to the folder. */
  String render(SubmissionGrade g, List<String> traceLinks) throws java.io.IOException;
}
