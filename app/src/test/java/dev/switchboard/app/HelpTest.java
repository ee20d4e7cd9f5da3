package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's {@code --help}, as a newcomer reads and copies from it. */
class HelpTest {
  private static final Pattern URL = Pattern.compile("(https?://|jdbc:)\\S+");
  private static final Pattern FIELD_LABEL = Pattern.compile("<[a-z][A-Za-z]*>");

  private static void collect(CommandLine line, List<CommandLine> all) {
    all.add(line);
    line.getSubcommands().values().forEach(sub -> collect(sub, all));
  }

  private static List<CommandLine> everyCommand() {
    List<CommandLine> all = new ArrayList<>();
    collect(Main.commandLine(), all);
    return all;
  }

  private static String help(CommandLine line) {
    StringWriter text = new StringWriter();
    line.usage(new PrintWriter(text));
    return text.toString();
  }

  @Test
  void noOptionShowsAJavaFieldNameAsItsLabel() {
    for (CommandLine line : everyCommand()) {
      String help = help(line);
      Matcher label = FIELD_LABEL.matcher(help);
      assertThat(label.find())
          .as(
              "%s shows %s",
              line.getCommandSpec().qualifiedName(), label.find(0) ? label.group() : "")
          .isFalse();
    }
  }

  private static List<String> urls(String help) {
    List<String> found = new ArrayList<>();
    Matcher url = URL.matcher(help);
    while (url.find()) {
      found.add(url.group());
    }
    return found;
  }

  @Test
  void urlsInHelpAreNeverBrokenAcrossLines() {
    // The same help on a line too wide to wrap shows each URL whole: they must be the same.
    for (CommandLine line : everyCommand()) {
      String wrapped = help(line);
      line.setUsageHelpWidth(400);
      assertThat(urls(wrapped))
          .as(line.getCommandSpec().qualifiedName())
          .isEqualTo(urls(help(line)));
    }
    assertThat(help(Main.commandLine().getSubcommands().get("hub")))
        .contains("jdbc:postgresql://HOST/DB?user=USER&password=PASSWORD")
        .contains("jdbc:sqlite:data/hub.db");
  }
}
