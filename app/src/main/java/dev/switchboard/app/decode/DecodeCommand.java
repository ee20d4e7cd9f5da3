package dev.switchboard.app.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.switchboard.protocol.JsonMappers;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.webhook.DecodedWebhook;
import dev.switchboard.protocol.webhook.WebhookJson;
import dev.switchboard.protocol.webhook.WebhookParser;
import dev.switchboard.protocol.webhook.WebhookPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code switchboard decode URL_OR_JSON...}: prints each webhook as Switchboard understands it. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    versionProvider = dev.switchboard.app.SwitchboardVersion.class,
    description = {
      "Shows how a VoiceCloud webhook is understood: one JSON object per input with its type,"
          + " the normalised fields (phone in E.164, calldate as a UTC instant, durations in"
          + " seconds), notes on the reading and the raw fields.",
      "",
      "An input is a webhook URL (with or without scheme and host, any path prefix), an access-log"
          + " request line (GET /api/... HTTP/1.1), or a JSON body. With no input, or '-', reads one"
          + " input per line from standard input.",
    },
    footer = {
      "",
      "Examples:",
      "  switchboard decode 'https://crm/api/callcenter/call_in?phone=0938363739&callid=a1'",
      "  switchboard decode --path hangup '{\"callid\":\"a1\"}'",
      "  grep /api/callcenter access.log | switchboard decode --compact",
      "",
      "Exit status: 0 when every input was understood, 1 when any was not."
    })
public final class DecodeCommand implements Callable<Integer> {
  private static final Pattern REQUEST_LINE =
      Pattern.compile("^(?:GET|POST|PUT|HEAD)\\s+(\\S.*?)(?:\\s+HTTP/\\d(?:\\.\\d)?)?$");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "URL_OR_JSON", arity = "0..*", description = "Webhooks to decode.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--tz",
      paramLabel = "ZONE",
      defaultValue = "Asia/Ho_Chi_Minh",
      description = "Time zone the PBX's calldate is local to (default: ${DEFAULT-VALUE}).")
  String zone;

  @Option(
      names = "--path",
      paramLabel = "PATH",
      description =
          "Webhook path for JSON inputs (call_in, hangup, calldata, init, ChangeStatus or the full"
              + " path). Without it the path is inferred from the fields.")
  String path;

  @Option(names = "--compact", description = "One line of JSON per input (for scripts).")
  boolean compact;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ZoneId tz;
    try {
      tz = ZoneId.of(zone);
    } catch (DateTimeException unknown) {
      err.println("decode: --tz: unknown time zone '" + zone + "' (e.g. Asia/Ho_Chi_Minh, UTC)");
      return 2;
    }
    WebhookPath jsonPath = null;
    if (path != null) {
      jsonPath = WebhookPath.fromRequestPath(path).orElse(null);
      if (jsonPath == null) {
        err.println(
            "decode: --path: '"
                + path
                + "' is not a webhook path (call_in, hangup, calldata, init, ChangeStatus)");
        return 2;
      }
    }
    WebhookParser parser = new WebhookParser(tz);
    ObjectWriter writer = compact ? JsonMappers.create().writer() : prettyWriter();
    List<String> all = inputs.isEmpty() || inputs.equals(List.of("-")) ? readStdin() : inputs;
    int failures = 0;
    int number = 0;
    for (String input : all) {
      if (input.isBlank()) {
        continue;
      }
      number++;
      try {
        DecodedWebhook decoded = decode(parser, jsonPath, input.strip());
        out.println(writer.writeValueAsString(WebhookJson.describe(decoded, tz)));
      } catch (ProtocolException problem) {
        failures++;
        err.println(
            "decode: " + (all.size() > 1 ? "input " + number + ": " : "") + problem.getMessage());
      } catch (JsonProcessingException impossible) {
        throw new UncheckedIOException(impossible);
      }
      out.flush();
    }
    err.flush();
    if (number == 0) {
      err.println("decode: nothing to decode (give a webhook URL or JSON body, or pipe them in)");
      return 2;
    }
    return failures == 0 ? 0 : 1;
  }

  private static DecodedWebhook decode(WebhookParser parser, WebhookPath jsonPath, String input) {
    if (input.startsWith("{")) {
      return jsonPath == null ? parser.parseJson(input) : parser.parseJson(jsonPath, input);
    }
    var requestLine = REQUEST_LINE.matcher(input);
    return parser.parseUrl(requestLine.matches() ? requestLine.group(1) : input);
  }

  private static ObjectWriter prettyWriter() {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    return JsonMappers.create().writer(printer);
  }

  private static List<String> readStdin() {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
    return lines;
  }
}
