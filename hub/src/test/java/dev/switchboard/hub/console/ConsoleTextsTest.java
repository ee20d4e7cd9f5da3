package dev.switchboard.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's texts live in its message bundles only: both bundles have the same keys, every key
 * a page or script names exists, and no page or script carries a text of its own.
 */
class ConsoleTextsTest {
  private static final Path CONSOLE = Path.of("src/main/resources/console");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KEY_ATTRIBUTE =
      Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]*)\"");
  private static final Pattern KEY_CALL = Pattern.compile("\\bt\\('([^']+)'");
  private static final Pattern KEY_IN_TERNARY =
      Pattern.compile("\\bt\\([\\w.]+ \\? '([a-z_.]+)' : '([a-z_.]+)'");
  private static final Pattern TEXT_NODE = Pattern.compile(">([^<]*)<");
  private static final Pattern LITERAL_ATTRIBUTE =
      Pattern.compile("\\s(placeholder|title|aria-label|alt)=\"([^\"]*[A-Za-z][^\"]*)\"");
  private static final Pattern STRING_LITERAL =
      Pattern.compile("'([^'\\\\\\n]*)'|`([^`]*)`|\"([^\"\\\\\\n]*)\"");
  private static final Pattern WORDS =
      Pattern.compile("[A-Z][a-z]+ [a-z]+|[\\p{L}&&[^\\p{ASCII}]]");

  private static Map<String, String> bundle(String language) throws IOException {
    return JSON.readValue(
        Files.readString(CONSOLE.resolve("i18n/" + language + ".json"), StandardCharsets.UTF_8),
        JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
  }

  private static List<Path> files(String extension) throws IOException {
    try (Stream<Path> all = Files.walk(CONSOLE)) {
      return all.filter(path -> path.toString().endsWith(extension)).sorted().toList();
    }
  }

  @Test
  void bothBundlesHaveTheSameKeysAndNoBlankText() throws IOException {
    Map<String, String> vi = bundle("vi");
    Map<String, String> en = bundle("en");
    assertThat(new TreeSet<>(vi.keySet())).isEqualTo(new TreeSet<>(en.keySet()));
    assertThat(vi).allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
    assertThat(en).allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
    // Vietnamese by default, with its marks (the bundle is read as UTF-8).
    assertThat(vi.get("login.submit")).isEqualTo("Đăng nhập");
  }

  @Test
  void everyKeyThePagesAndScriptsNameIsInTheBundles() throws IOException {
    Map<String, String> vi = bundle("vi");
    List<String> missing = new ArrayList<>();
    for (Path page : files(".html")) {
      Matcher keys = KEY_ATTRIBUTE.matcher(Files.readString(page));
      while (keys.find()) {
        if (!vi.containsKey(keys.group(1))) {
          missing.add(page.getFileName() + ": " + keys.group(1));
        }
      }
    }
    for (Path script : files(".js")) {
      String code = withoutComments(Files.readString(script));
      for (Pattern pattern : List.of(KEY_CALL, KEY_IN_TERNARY)) {
        Matcher keys = pattern.matcher(code);
        while (keys.find()) {
          for (int group = 1; group <= keys.groupCount(); group++) {
            if (!vi.containsKey(keys.group(group))) {
              missing.add(script.getFileName() + ": " + keys.group(group));
            }
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void noPageHasATextOfItsOwn() throws IOException {
    List<String> texts = new ArrayList<>();
    for (Path page : files(".html")) {
      String html =
          Files.readString(page)
              .replaceAll("(?s)<!--.*?-->", "")
              .replaceAll("(?s)<title>.*?</title>", "<title></title>");
      Matcher text = TEXT_NODE.matcher(html);
      while (text.find()) {
        if (!text.group(1).isBlank()) {
          texts.add(page.getFileName() + ": '" + text.group(1).strip() + "'");
        }
      }
      Matcher attribute = LITERAL_ATTRIBUTE.matcher(html);
      while (attribute.find()) {
        texts.add(page.getFileName() + ": " + attribute.group(1) + "='" + attribute.group(2) + "'");
      }
    }
    assertThat(texts).isEmpty();
  }

  @Test
  void noScriptHasATextOfItsOwn() throws IOException {
    List<String> texts = new ArrayList<>();
    for (Path script : files(".js")) {
      Matcher literal = STRING_LITERAL.matcher(withoutComments(Files.readString(script)));
      while (literal.find()) {
        String value =
            literal.group(1) != null
                ? literal.group(1)
                : literal.group(2) != null ? literal.group(2) : literal.group(3);
        if (WORDS.matcher(value).find()) {
          texts.add(script.getFileName() + ": '" + value + "'");
        }
      }
    }
    assertThat(texts).isEmpty();
  }

  @Test
  void pagesLoadNoInlineScriptOrStyle() throws IOException {
    for (Path page : files(".html")) {
      String html = Files.readString(page);
      assertThat(html).as(page.toString()).doesNotContain(" style=").doesNotContain("<style");
      assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find())
          .as(page + " has an inline script")
          .isFalse();
      assertThat(Pattern.compile("\\son[a-z]+=").matcher(html).find())
          .as(page + " has an inline event handler")
          .isFalse();
    }
  }

  private static String withoutComments(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)(^|\\s)//.*$", "$1");
  }
}
