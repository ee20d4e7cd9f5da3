package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.api.CdrEntry;
import dev.switchboard.protocol.api.CdrQuery;
import dev.switchboard.protocol.api.CdrReply;
import dev.switchboard.protocol.api.ClickToCall;
import dev.switchboard.protocol.api.ExtensionStatus;
import dev.switchboard.protocol.api.ExtensionStatusReply;
import dev.switchboard.protocol.api.ExtensionStatusRequest;
import dev.switchboard.protocol.api.PbxKey;
import dev.switchboard.protocol.api.PbxRequest;
import dev.switchboard.protocol.api.QueueMembers;
import dev.switchboard.protocol.api.QueueMembersReply;
import dev.switchboard.protocol.api.QueueMembersRequest;
import dev.switchboard.protocol.api.QueueStatusUpdate;
import dev.switchboard.protocol.api.SpyMode;
import dev.switchboard.protocol.api.SpyRequest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A typed client for the VoiceCloud PBX API (CRM to PBX): click-to-call, extension status, spy,
 * queue members, pause in queue and call records, over the JDK's {@link HttpClient}, one company
 * (key and domain) per client.
 *
 * <pre>{@code
 * PbxClient pbx = PbxClient.builder("https://pbx.example.com", new PbxKey(key), "abc.com").build();
 * Optional<String> callId = pbx.dialAsync("101", "0938363739");
 * }</pre>
 *
 * <p>Every call blocks until the PBX answers or the request timeout passes, and fails with a {@link
 * PbxClientException}: {@link PbxRejectedKeyException} (HTTP 401/403), {@link PbxRefusedException}
 * (the PBX's error message, or a reply of the wrong shape) or {@link UnableToReachPbxException}
 * (connection failure, timeout, HTTP 5xx; a {@link RetryableException}). An argument the protocol
 * does not allow (an empty extension, an end date before the start date) is an {@link
 * IllegalArgumentException} naming the field, before anything is sent. The company key never shows
 * in {@link #toString()}, in an exception message or in a log line.
 *
 * <p>Immutable and thread-safe: share one client per company.
 */
public final class PbxClient {
  private static final Logger log = LoggerFactory.getLogger(PbxClient.class);

  private final String apiBaseUrl;
  private final String reportBaseUrl;
  private final PbxKey key;
  private final String domain;
  private final PbxExchange exchange;

  private PbxClient(Builder builder) {
    this.key = Objects.requireNonNull(builder.key, "key");
    this.apiBaseUrl = BaseUrl.checked("apiBaseUrl", builder.apiBaseUrl, key);
    this.reportBaseUrl =
        builder.reportBaseUrl == null
            ? apiBaseUrl
            : BaseUrl.checked("reportBaseUrl", builder.reportBaseUrl, key);
    if (builder.domain == null || builder.domain.isBlank()) {
      throw new IllegalArgumentException("domain: is empty");
    }
    this.domain = builder.domain.trim();
    HttpClient http =
        builder.httpClient != null
            ? builder.httpClient
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.connectTimeout)
                // A redirect would carry a click-to-call's key to wherever it points.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    this.exchange = new PbxExchange(http, builder.connectTimeout, builder.requestTimeout);
  }

  /**
   * Starts a client for one company.
   *
   * @param apiBaseUrl the PBX's API base URL, {@code http} or {@code https}, which may carry a path
   *     prefix ({@code https://pbx.example.com/voice}) but no query
   * @param key the company key the PBX issued
   * @param domain the company domain the PBX issued ({@code abc.com}), used by click-to-call
   */
  public static Builder builder(String apiBaseUrl, PbxKey key, String domain) {
    return new Builder(apiBaseUrl, key, domain);
  }

  /**
   * Click-to-call ({@code dial}): the PBX rings the agent's extension, then the customer, and
   * answers once the call is placed. Success is the plain text {@code Success} (any case and
   * spacing) or the JSON form with a {@code result}.
   *
   * @param extension the agent's extension, rung first
   * @param phone the customer's number, as the PBX should dial it
   * @throws PbxRefusedException for example {@code extension 555 does not exist}
   */
  public void dial(String extension, String phone) {
    ClickToCall request = argument("dial", () -> ClickToCall.dial(extension, phone, key, domain));
    Replies.dialed(call("dial", apiBaseUrl), send("dial", apiBaseUrl, request));
  }

  /**
   * Click-to-call answered at once ({@code dial_async}), before the agent's softphone picks up, so
   * the CRM learns of the call before its webhooks arrive.
   *
   * @param extension the agent's extension, rung first
   * @param phone the customer's number, as the PBX should dial it
   * @return the new call's id, or empty when the PBX gave none (a plain {@code Success})
   */
  public Optional<String> dialAsync(String extension, String phone) {
    ClickToCall request =
        argument("dial_async", () -> ClickToCall.dialAsync(extension, phone, key, domain));
    return Replies.dialed(call("dial_async", apiBaseUrl), send("dial_async", apiBaseUrl, request));
  }

  /**
   * The real-time status of some extensions ({@code off}, {@code on}, {@code pause}, {@code ring},
   * {@code talk}), in the PBX's order (the emulator's: the order asked). No request is made for an
   * empty list; a list longer than {@value ExtensionStatusRequest#MAX_EXTENSIONS} is asked in
   * parts.
   *
   * @param extensions the extensions to ask about
   * @throws PbxRefusedException when the PBX does not know one of them ({@code extension 555 does
   *     not exist})
   */
  public List<ExtensionStatus> extensionStatus(List<String> extensions) {
    Objects.requireNonNull(extensions, "extensions");
    List<ExtensionStatus> statuses = new ArrayList<>(extensions.size());
    for (int from = 0; from < extensions.size(); from += ExtensionStatusRequest.MAX_EXTENSIONS) {
      List<String> part =
          extensions.subList(
              from, Math.min(extensions.size(), from + ExtensionStatusRequest.MAX_EXTENSIONS));
      ExtensionStatusRequest request =
          argument("extension status", () -> new ExtensionStatusRequest(key, part));
      statuses.addAll(
          Replies.data(
                  call("extension status", apiBaseUrl),
                  send("extension status", apiBaseUrl, request),
                  ExtensionStatusReply::parse)
              .result());
    }
    return List.copyOf(statuses);
  }

  /**
   * Lets {@code source} listen in on (or join) {@code target}'s call.
   *
   * @param source the extension that listens
   * @param target the extension whose answered call is listened to
   * @param mode how {@code source} takes part: whisper (listen only), threeway, caller, callee
   * @return the spy leg's call id when the reply has one, else an empty string
   * @throws PbxRefusedException for example when {@code target} has no call in progress or {@code
   *     source} is busy
   */
  public String spy(String source, String target, SpyMode mode) {
    SpyRequest request = argument("spy", () -> new SpyRequest(key, source, target, mode));
    return Replies.done(call("spy", apiBaseUrl), send("spy", apiBaseUrl, request))
        .map(result -> result.get("callid"))
        .filter(id -> id.isTextual() || id.isIntegralNumber())
        .map(JsonNode::asText)
        .map(String::trim)
        .orElse("");
  }

  /**
   * Every queue with its members, each with its pause flag, penalty and phone status.
   *
   * @return the queues, in the PBX's order
   */
  public List<QueueMembers> queueMembers() {
    return Replies.data(
            call("queue members", apiBaseUrl),
            send("queue members", apiBaseUrl, new QueueMembersRequest(key)),
            QueueMembersReply::parse)
        .result();
  }

  /**
   * Pauses an extension in every queue it belongs to (no queue calls ring it), or unpauses it.
   * Success is JSON with a {@code result} or the plain text {@code Success}.
   *
   * @param extension the extension
   * @param paused true to pause, false to unpause
   */
  public void setPaused(String extension, boolean paused) {
    String operation = paused ? "pause" : "unpause";
    QueueStatusUpdate request =
        argument(operation, () -> new QueueStatusUpdate(key, extension, paused));
    Replies.done(call(operation, apiBaseUrl), send(operation, apiBaseUrl, request));
  }

  /**
   * The call records of the days {@code from} to {@code to} (both included, in the PBX's calendar),
   * or of one call; asked of the report URL ({@link Builder#reportBaseUrl}). Both report shapes are
   * read: a real PBX's (counts as decimal strings, queue, holdtime, DID and fee in each row) and
   * the older one. When the PBX says it has more records than it sent ({@code total}), a warning is
   * logged; {@link #callReport} gives the total.
   *
   * @param from the first day
   * @param to the last day, not before {@code from}
   * @param callId one call to ask about, or empty for every call of the days
   * @return the records, in the PBX's order; empty when there are none
   */
  public List<CdrEntry> callRecords(LocalDate from, LocalDate to, Optional<String> callId) {
    CdrReply report = callReport(from, to, callId);
    if (report.isTruncated()) {
      log.warn(
          "the PBX at {} has {} call records for {} to {} but sent {}: ask for fewer days",
          key.redact(reportBaseUrl),
          report.total().orElseThrow(),
          from,
          to,
          report.result().size());
    }
    return report.result();
  }

  /**
   * The call-record report itself, as {@link #callRecords} asks for it: the records and the total
   * the PBX states (absent in the older shape).
   *
   * @param from the first day
   * @param to the last day, not before {@code from}
   * @param callId one call to ask about, or empty for every call of the days
   * @return the reply
   */
  public CdrReply callReport(LocalDate from, LocalDate to, Optional<String> callId) {
    CdrQuery request = argument("call records", () -> new CdrQuery(key, callId, from, to));
    return Replies.data(
        call("call records", reportBaseUrl),
        send("call records", reportBaseUrl, request),
        CdrReply::parse);
  }

  /** {@code PbxClient[api=..., reports=..., domain=...]}: never the key. */
  @Override
  public String toString() {
    return "PbxClient[api="
        + key.redact(apiBaseUrl)
        + ", reports="
        + key.redact(reportBaseUrl)
        + ", domain="
        + domain
        + "]";
  }

  private PbxCall call(String operation, String baseUrl) {
    return new PbxCall(operation, baseUrl, key);
  }

  private PbxExchange.Reply send(String operation, String baseUrl, PbxRequest request) {
    return exchange.send(call(operation, baseUrl), request);
  }

  /** Builds a request; what the protocol refuses is the caller's mistake, named by its field. */
  private static <R extends PbxRequest> R argument(String operation, Supplier<R> build) {
    try {
      return build.get();
    } catch (ProtocolException refused) {
      // Protocol messages name the field and never quote the key.
      throw new IllegalArgumentException(operation + ": " + refused.getMessage(), refused);
    }
  }

  /**
   * Configures a {@link PbxClient}. Not thread-safe; each setter returns this builder.
   *
   * <p>Defaults: the report URL is the API URL, connect timeout 5 s, request timeout 15 s.
   */
  public static final class Builder {
    private final String apiBaseUrl;
    private final PbxKey key;
    private final String domain;
    private String reportBaseUrl;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private HttpClient httpClient;

    private Builder(String apiBaseUrl, PbxKey key, String domain) {
      this.apiBaseUrl = apiBaseUrl;
      this.key = key;
      this.domain = domain;
    }

    /**
     * The base URL of the host serving {@code /internal/Reports/cdr}, when it differs from the API
     * base URL (the default).
     */
    public Builder reportBaseUrl(String url) {
      this.reportBaseUrl = Objects.requireNonNull(url, "reportBaseUrl");
      return this;
    }

    /**
     * How long to wait for a connection (default 5 s). Applies to the client's own {@link
     * HttpClient}; one given with {@link #httpClient} keeps its own connect timeout.
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /**
     * How long to wait for each reply, from sending the request to the end of the body (default 15
     * s).
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive("requestTimeout", timeout);
      return this;
    }

    /**
     * The {@link HttpClient} to send with (optional): to share a pool, set a proxy, an executor or
     * TLS settings. By default the client builds its own (HTTP/1.1, redirects not followed). Mind
     * that a client following redirects would carry a click-to-call's key to the redirect target.
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "httpClient");
      return this;
    }

    /**
     * The client.
     *
     * @throws IllegalArgumentException naming the setting that is wrong: a URL that is not http or
     *     https, has no host or carries a query; an empty domain
     * @throws NullPointerException when the key is missing
     */
    public PbxClient build() {
      return new PbxClient(this);
    }

    private static Duration positive(String setting, Duration timeout) {
      Objects.requireNonNull(timeout, setting);
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(setting + ": must be positive (got " + timeout + ")");
      }
      return timeout;
    }
  }
}
