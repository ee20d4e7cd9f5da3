package dev.switchboard.protocol.webhook;

import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.internal.Text;
import dev.switchboard.protocol.phone.PhoneNumber;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads webhooks in either edition from a URL, a query string, a form body or a JSON body.
 * Calldates are read in the tenant's zone and national phone numbers in its region.
 *
 * <p>Bad input throws {@link ProtocolException} naming the field and the problem; nothing else
 * escapes. Immutable and thread-safe.
 */
public final class WebhookParser {
  /** The zone PBX local times are read in unless told otherwise: Vietnam, UTC+7. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

  private static final Pattern SCHEME_AND_HOST =
      Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?]*");

  private final ZoneId zone;
  private final String region;

  /** A parser for Vietnam: zone Asia/Ho_Chi_Minh, region VN. */
  public WebhookParser() {
    this(DEFAULT_ZONE, PhoneNumber.DEFAULT_REGION);
  }

  /** A parser reading calldates in {@code zone} and national numbers in Vietnam. */
  public WebhookParser(ZoneId zone) {
    this(zone, PhoneNumber.DEFAULT_REGION);
  }

  /** A parser reading calldates in {@code zone} and national numbers in {@code region}. */
  public WebhookParser(ZoneId zone, String region) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.region = Objects.requireNonNull(region, "region");
  }

  /** The zone calldates are read in. */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Reads a whole GET URL ({@code https://crm/prefix/api/callcenter/call_in?phone=...}), or just
   * its path and query. The path says which webhook it is.
   */
  public DecodedWebhook parseUrl(String url) {
    if (url == null || url.isBlank()) {
      throw ProtocolException.input("the URL is empty");
    }
    String rest = SCHEME_AND_HOST.matcher(url.trim()).replaceFirst("");
    int question = rest.indexOf('?');
    String path = question < 0 ? rest : rest.substring(0, question);
    String query = question < 0 ? "" : rest.substring(question + 1);
    WebhookPath webhook =
        WebhookPath.fromRequestPath(path)
            .orElseThrow(
                () ->
                    ProtocolException.input(
                        "path "
                            + Text.quote(path.isEmpty() ? "/" : path)
                            + " is not a VoiceCloud webhook (expected one of "
                            + Arrays.stream(WebhookPath.values())
                                .map(WebhookPath::path)
                                .collect(Collectors.joining(", "))
                            + ")"));
    return parse(webhook, RawFields.fromQuery(query));
  }

  /** Reads a query string (without the {@code ?}) that arrived on {@code path}. */
  public DecodedWebhook parseQuery(WebhookPath path, String query) {
    return parse(path, RawFields.fromQuery(query));
  }

  /** Reads an {@code application/x-www-form-urlencoded} body that arrived on {@code path}. */
  public DecodedWebhook parseForm(WebhookPath path, String body) {
    return parse(path, RawFields.fromQuery(body));
  }

  /** Reads a JSON body that arrived on {@code path}. */
  public DecodedWebhook parseJson(WebhookPath path, String body) {
    return parse(path, RawFields.fromJson(body));
  }

  /**
   * Reads a JSON body with no path, inferring the webhook from its fields ({@link
   * #inferPath(RawFields)}).
   */
  public DecodedWebhook parseJson(String body) {
    RawFields fields = RawFields.fromJson(body);
    DecodedWebhook decoded = parse(inferPath(fields), fields);
    return new DecodedWebhook(decoded.path(), decoded.event(), decoded.raw(), true);
  }

  /** Reads fields that arrived on {@code path}. */
  public DecodedWebhook parse(WebhookPath path, RawFields raw) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(raw, "raw");
    WireFields fields = new WireFields(raw, zone, region);
    WebhookEvent event;
    switch (path) {
      case CALL_IN:
        // No callid and no extension: the real PBX's ring notification (PROTOCOL-NOTES).
        event =
            fields.has("callid") || fields.has("extension")
                ? IncomingCall.read(fields)
                : RingNotification.read(fields);
        break;
      case HANGUP:
        event = Hangup.read(fields);
        break;
      case CALLDATA:
        event = readCalldata(fields);
        break;
      case INIT:
        event = OutboundCall.read(fields);
        break;
      case AGENT_STATUS:
        event = AgentStatusChange.read(fields);
        break;
      default:
        throw new IllegalStateException("unhandled path " + path);
    }
    return new DecodedWebhook(path, event, raw, false);
  }

  /**
   * {@code calldata} carries five things, told apart by the fields present (PROTOCOL-NOTES): a
   * callid with every other documented field empty is a pending call (its data comes later);
   * ABANDON is a missed call; a calldate or a duration makes a final call record; otherwise ANSWER
   * is an agent picking up (v1) and NOANSWER an agent's ring attempt failing (v2).
   */
  private static CallEvent readCalldata(WireFields fields) {
    if (CallDataPending.isPending(fields)) {
      return CallDataPending.read(fields);
    }
    var status = fields.code("status", CallStatus::of);
    if (status.filter(CallStatus.ABANDON::equals).isPresent()) {
      return MissedCall.read(fields);
    }
    if (fields.has("calldate") || fields.has("duration")) {
      return CallRecord.read(fields);
    }
    if (status.filter(CallStatus.ANSWER::equals).isPresent()) {
      return AgentAnswered.read(fields);
    }
    if (status.filter(CallStatus.NOANSWER::equals).isPresent()) {
      return AgentNoAnswer.read(fields);
    }
    throw ProtocolException.input(
        "calldata has no calldate or duration, so it is not a call record, and its status "
            + status.map(s -> Text.quote(s.code())).orElse("(missing)")
            + " is not ABANDON, ANSWER or NOANSWER");
  }

  /**
   * Which webhook a bare set of fields is, when no path says: no callid but extension and status is
   * an agent status; no callid, a phone and no extension is a ring notification (call_in); status,
   * calldate, duration, holdtime or billsec make calldata; queue or did, or no event, make call_in;
   * an event without queue or did is init (the v2 documents' two shapes); a callid with one of the
   * calldata fields present and empty is calldata (a pending call); a callid alone is a hangup.
   */
  public static WebhookPath inferPath(RawFields fields) {
    String[] calldata = {"status", "calldate", "duration", "holdtime", "billsec"};
    if (!fields.has("callid")) {
      if (fields.has("extension") && fields.has("status")) {
        return WebhookPath.AGENT_STATUS;
      }
      if (fields.has("phone") && !fields.has("extension")) {
        return WebhookPath.CALL_IN;
      }
      throw CallId.missing();
    }
    for (String name : calldata) {
      if (fields.has(name)) {
        return WebhookPath.CALLDATA;
      }
    }
    if (fields.has("queue") || fields.has("did")) {
      return WebhookPath.CALL_IN;
    }
    if (fields.has("phone") || fields.has("extension")) {
      return fields.has("event") ? WebhookPath.INIT : WebhookPath.CALL_IN;
    }
    for (String name : calldata) {
      if (fields.get(name).isPresent()) {
        return WebhookPath.CALLDATA;
      }
    }
    return WebhookPath.HANGUP;
  }
}
