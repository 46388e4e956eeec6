package io.pdslab.grader.check;

import java.util.regex.Pattern;

/**
 * One line of an API policy, in the form labs write in {@code lab.json}'s {@code allowedApis}:
 *
 * <ul>
 *   <li>{@code java.util.concurrent.*}: every class of a package ({@code *} stays within one name
 *       segment and also matches nested classes, {@code Map$Entry});
 *   <li>{@code org.apache.pekko.actor.typed.**}: a package and its sub-packages;
 *   <li>{@code java.lang.String}, {@code java.lang.*Exception}: classes, with every member;
 *   <li>{@code java.lang.System#nanoTime}: one member (every overload; {@code <init>} names
 *       constructors); naming a member also allows naming its class as a type;
 *   <li>a leading {@code !} makes the rule a denial, which wins over every allowance.
 * </ul>
 *
 * @param deny whether the rule forbids rather than allows
 * @param classPattern the class part, as a pattern over binary names ({@code a.b.C$D})
 * @param member the member part, or null for every member
 * @param text the rule as written
 */
public record ApiRule(boolean deny, Pattern classPattern, String member, String text) {

  /** Parses one rule; throws {@link IllegalArgumentException} naming what is wrong. */
  public static ApiRule parse(String text) {
    String s = text.strip();
    boolean deny = s.startsWith("!");
    if (deny) {
      s = s.substring(1);
    }
    String member = null;
    int hash = s.indexOf('#');
    if (hash >= 0) {
      member = s.substring(hash + 1);
      s = s.substring(0, hash);
      if (!member.matches("<init>|<clinit>|[\\w$]+")) {
        throw new IllegalArgumentException(
            "bad member '" + member + "' in API rule '" + text + "'");
      }
    }
    if (!s.matches("[\\w$]+(\\.([\\w$]+|[\\w$]*\\*[\\w$]*|\\*\\*))*")) {
      throw new IllegalArgumentException(
          "bad API rule '" + text + "': expected pkg.Class, pkg.*, pkg.** or pkg.Class#member");
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (s.startsWith(".**", i) && i + 3 == s.length()) {
        regex.append("(\\..+)?");
        break;
      } else if (c == '*') {
        regex.append("[^.]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new ApiRule(deny, Pattern.compile(regex.toString()), member, text.strip());
  }

  /** Whether the rule is about class {@code className} (binary name, dotted). */
  boolean matchesClass(String className) {
    return classPattern.matcher(className).matches();
  }

  /**
   * Whether the rule covers member {@code name} of a class it matches (null: the class as a type).
   */
  boolean matchesMember(String name) {
    return member == null || member.equals(name);
  }
}
