/**
 * JMH results for {@code pdslab bench}: reading JMH JSON and plotting it as self-contained HTML.
 */
package io.pdslab.grader.bench;
