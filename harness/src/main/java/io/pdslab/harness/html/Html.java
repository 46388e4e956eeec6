package io.pdslab.harness.html;

/**
 * The one escaper for text placed in HTML, SVG or XML (text and quoted attributes) by the harness's
 * trace and violation pages and the grader's reports. Much of that text comes from tested code, so
 * it also drops the characters XML 1.0 does not allow (control characters but tab and line breaks,
 * lone surrogates), which would make a report unreadable.
 */
public final class Html {
  private Html() {}

  /** {@code text} with {@code & < > " '} escaped and characters XML forbids removed. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              if (!allowed(c)) {
                return;
              }
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static boolean allowed(int c) {
    return c == '\n'
        || c == '\t'
        || c == '\r'
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || c >= 0x10000;
  }
}
