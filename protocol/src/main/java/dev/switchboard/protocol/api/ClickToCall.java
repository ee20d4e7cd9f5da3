package dev.switchboard.protocol.api;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Click-to-call: the PBX rings the agent's extension, then the customer. A GET whose parameters are
 * path segments, {@code
 * /api/CallControl/dial/from_number/100/to_number/093xxxxxxx/key/98589afb55de863cf4d5cd4ec2c41072/domain/abc.com},
 * each percent-encoded. Its {@link #path()} therefore holds the key: never log it.
 *
 * @param mode {@link Mode#SYNC} ({@code dial}) or {@link Mode#ASYNC} ({@code dial_async})
 * @param fromExtension the agent's extension, rung first ({@code from_number})
 * @param toPhone the customer's number, as the PBX should dial it ({@code to_number})
 * @param key the company key
 * @param domain the company domain the PBX issued
 */
public record ClickToCall(
    Mode mode, String fromExtension, String toPhone, PbxKey key, String domain)
    implements PbxRequest {
  /** Longest domain accepted. */
  public static final int MAX_DOMAIN_LENGTH = 255;

  /** The parameters, in the order the documents write them. */
  private static final List<String> PARAMETERS =
      List.of("from_number", "to_number", "key", "domain");

  /** Which click-to-call method. */
  public enum Mode {
    /** {@code dial}: the PBX answers once it has placed the call ({@code Success}). */
    SYNC("dial", PbxApiPath.DIAL),
    /** {@code dial_async}: the PBX answers at once, before the agent's softphone picks up. */
    ASYNC("dial_async", PbxApiPath.DIAL_ASYNC);

    private final String wireName;
    private final PbxApiPath apiPath;

    Mode(String wireName, PbxApiPath apiPath) {
      this.wireName = wireName;
      this.apiPath = apiPath;
    }

    /** {@code dial} or {@code dial_async}. */
    public String wireName() {
      return wireName;
    }

    /** The API path of this method. */
    public PbxApiPath apiPath() {
      return apiPath;
    }
  }

  /** Validates every part; messages name the wire parameter ({@code to_number: is empty}). */
  public ClickToCall {
    Text.required("mode", mode);
    fromExtension = segment("from_number", fromExtension, Text.MAX_IDENTIFIER);
    toPhone = segment("to_number", toPhone, Text.MAX_IDENTIFIER);
    Text.required("key", key);
    if (isDotSegment(key.value())) {
      throw ProtocolException.field("key", "is a dot segment, which cannot stand in a path");
    }
    domain = segment("domain", domain, MAX_DOMAIN_LENGTH);
  }

  /** A {@code dial} request. */
  public static ClickToCall dial(String fromExtension, String toPhone, PbxKey key, String domain) {
    return new ClickToCall(Mode.SYNC, fromExtension, toPhone, key, domain);
  }

  /** A {@code dial_async} request. */
  public static ClickToCall dialAsync(
      String fromExtension, String toPhone, PbxKey key, String domain) {
    return new ClickToCall(Mode.ASYNC, fromExtension, toPhone, key, domain);
  }

  @Override
  public PbxApiPath apiPath() {
    return mode.apiPath();
  }

  /** The path with its parameters, each percent-encoded as a path segment. Holds the key. */
  @Override
  public String path() {
    return mode.apiPath().path()
        + "/from_number/"
        + PathSegments.encode(fromExtension)
        + "/to_number/"
        + PathSegments.encode(toPhone)
        + "/key/"
        + PathSegments.encode(key.value())
        + "/domain/"
        + PathSegments.encode(domain);
  }

  /** Empty: click-to-call is a GET. */
  @Override
  public Optional<String> body() {
    return Optional.empty();
  }

  /**
   * Reads a click-to-call path (or whole URL): anything may come before {@code /api/CallControl/},
   * names are read in any case and any order, segments are percent-decoded, a trailing slash and a
   * query are ignored. Messages name the missing or bad parameter and never quote the key.
   */
  public static ClickToCall parsePath(String path) {
    if (path == null) {
      throw ProtocolException.input("path is missing");
    }
    String[] segments = PathSegments.withoutQuery(path).split("/", -1);
    int api = 0;
    while (api + 1 < segments.length
        && !(segments[api].equalsIgnoreCase("api")
            && segments[api + 1].equalsIgnoreCase("CallControl"))) {
      api++;
    }
    if (api + 1 >= segments.length) {
      throw ProtocolException.input("path does not contain /api/CallControl/");
    }
    int end = segments.length;
    while (end > api + 2 && segments[end - 1].isEmpty()) {
      end--;
    }
    if (api + 2 >= end) {
      throw ProtocolException.input(
          "path does not name a method under /api/CallControl/ (expected dial or dial_async)");
    }
    Mode mode = mode(segments[api + 2]);
    Map<String, String> values = new HashMap<>();
    for (int i = api + 3; i < end; i += 2) {
      String name = segments[i].toLowerCase(Locale.ROOT);
      if (!PARAMETERS.contains(name)) {
        // Never quote the segment: when the pairs are out of step it may be the key.
        throw ProtocolException.input(
            "path parameter "
                + ((i - api - 3) / 2 + 1)
                + " has a name other than "
                + String.join(", ", PARAMETERS)
                + " (expected name/value pairs)");
      }
      if (values.containsKey(name)) {
        throw ProtocolException.field(name, "path segment appears twice");
      }
      if (i + 1 >= end) {
        throw ProtocolException.field(name, "path segment has no value");
      }
      values.put(name, PathSegments.decode(name, segments[i + 1]));
    }
    for (String parameter : PARAMETERS) {
      if (!values.containsKey(parameter)) {
        throw ProtocolException.field(parameter, "path segment is missing");
      }
    }
    return new ClickToCall(
        mode,
        values.get("from_number"),
        values.get("to_number"),
        new PbxKey(values.get("key")),
        values.get("domain"));
  }

  private static Mode mode(String segment) {
    for (Mode mode : Mode.values()) {
      if (mode.wireName.equalsIgnoreCase(segment)) {
        return mode;
      }
    }
    // Not quoted: in a malformed path the segment may be the key.
    throw ProtocolException.input(
        "path names a method other than dial or dial_async under /api/CallControl/");
  }

  private static String segment(String field, String value, int max) {
    String checked = Text.identifier(field, value, max);
    if (isDotSegment(checked)) {
      throw ProtocolException.field(field, "is a dot segment, which cannot stand in a path");
    }
    return checked;
  }

  private static boolean isDotSegment(String value) {
    return value.equals(".") || value.equals("..");
  }
}
