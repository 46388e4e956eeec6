/**
 * Safe text for generated pages: {@link io.pdslab.harness.html.Html#escape} is the only HTML/XML
 * escaper in pdslab. Depends on nothing, so every other package (the trace viewer too) may use it.
 */
package io.pdslab.harness.html;
