package io.pdslab.grader.check;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.objectweb.asm.Type;

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
 *   <li>{@code io.netty.buffer.Unpooled#wrappedBuffer(long,int,boolean)}: one overload, its
 *       parameter types written as in Java source ({@code byte[]}, {@code java.lang.String}, nested
 *       classes as {@code java.util.Map$Entry}); {@code m()} is the overload without parameters;
 *   <li>a leading {@code !} makes the rule a denial, which wins over every allowance.
 * </ul>
 *
 * @param deny whether the rule forbids rather than allows
 * @param classPattern the class part, as a pattern over binary names ({@code a.b.C$D})
 * @param member the member's name, or null for every member
 * @param parameters the parameter types of the one overload the rule is about, or null for every
 *     overload (and for fields)
 * @param text the rule as written
 */
public record ApiRule(
    boolean deny, Pattern classPattern, String member, List<String> parameters, String text) {
  private static final Pattern MEMBER =
      Pattern.compile(
          "(<init>|<clinit>|[\\w$]+)(\\((?:[\\w$.]+(?:\\[])*(?:,[\\w$.]+(?:\\[])*)*)?\\))?");

  /** Parses one rule; throws {@link IllegalArgumentException} naming what is wrong. */
  public static ApiRule parse(String text) {
    String s = text.strip();
    boolean deny = s.startsWith("!");
    if (deny) {
      s = s.substring(1);
    }
    String member = null;
    List<String> parameters = null;
    int hash = s.indexOf('#');
    if (hash >= 0) {
      String written = s.substring(hash + 1).replace(" ", "");
      s = s.substring(0, hash);
      var m = MEMBER.matcher(written);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "bad member '" + written + "' in API rule '" + text + "'");
      }
      member = m.group(1);
      if (m.group(2) != null) {
        String list = m.group(2).substring(1, m.group(2).length() - 1);
        parameters = list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
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
    return new ApiRule(
        deny,
        Pattern.compile(regex.toString()),
        member,
        parameters == null ? null : List.copyOf(parameters),
        text.strip());
  }

  /** Whether the rule is about class {@code className} (binary name, dotted). */
  boolean matchesClass(String className) {
    return classPattern.matcher(className).matches();
  }

  /**
   * Whether the rule covers member {@code name} of a class it matches.
   *
   * @param name a field or method name
   * @param descriptor the method's descriptor ({@code (JIZ)Lio/netty/buffer/ByteBuf;}), or null for
   *     a field
   */
  boolean matchesMember(String name, String descriptor) {
    if (member == null) {
      return true;
    }
    if (!member.equals(name)) {
      return false;
    }
    return parameters == null
        || descriptor != null
            && Arrays.stream(Type.getArgumentTypes(descriptor))
                .map(Type::getClassName)
                .toList()
                .equals(parameters);
  }
}
