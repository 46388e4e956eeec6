/**
 * Self-contained HTML pages (inline CSS and script, nothing fetched) that show why a history is not
 * linearizable: {@link io.pdslab.harness.lin.html.ViolationHtml} draws a checker's {@link
 * io.pdslab.harness.lin.Explanation}, a lane per client.
 */
package io.pdslab.harness.lin.html;
