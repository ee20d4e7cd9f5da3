package dev.switchboard.hub.recordings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.hub.calls.CallScope;
import dev.switchboard.hub.calls.CallStore;
import dev.switchboard.hub.http.ApiException;
import dev.switchboard.hub.tenants.PbxSettings;
import dev.switchboard.hub.tenants.TenantStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/calls/{callid}/recording}: the call's recording streamed from the PBX, after the
 * caller's scope check. {@code Range} is passed to the PBX and its {@code 206}, {@code
 * Content-Range}, {@code Accept-Ranges}, {@code Content-Type} and {@code Content-Length} passed
 * back. Only URLs on the tenant's allowed hosts ({@link RecordingSource}) are fetched, redirects
 * included (each hop is checked; at most three). The PBX's URL never appears in a reply.
 * Thread-safe.
 */
public final class RecordingRoutes {
  private static final Logger log = LoggerFactory.getLogger(RecordingRoutes.class);
  private static final Pattern RANGE = Pattern.compile("bytes=[0-9]*-[0-9]*");
  private static final int MAX_REDIRECTS = 3;
  private static final List<String> PASSED_HEADERS =
      List.of("Content-Type", "Content-Length", "Content-Range", "Accept-Ranges");

  private final CallStore calls;
  private final TenantStore tenants;
  private final Function<Context, CallScope> scopeOf;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** Routes over {@code calls}, fetching from the hosts {@code tenants}' settings allow. */
  public RecordingRoutes(
      CallStore calls, TenantStore tenants, Function<Context, CallScope> scopeOf) {
    this.calls = calls;
    this.tenants = tenants;
    this.scopeOf = scopeOf;
  }

  /** Adds the route. */
  public void register(RoutesConfig routes) {
    routes.get("/v1/calls/{callid}/recording", this::play);
  }

  /** The hosts the tenant's recordings may come from. */
  RecordingSource sourceOf(String tenantId) {
    Set<String> hosts = new HashSet<>(tenants.recordingHosts(tenantId));
    Optional<PbxSettings> pbx = tenants.pbx(tenantId);
    pbx.flatMap(settings -> RecordingSource.hostOf(settings.apiUrl())).ifPresent(hosts::add);
    pbx.flatMap(PbxSettings::reportUrl).flatMap(RecordingSource::hostOf).ifPresent(hosts::add);
    return new RecordingSource(hosts);
  }

  private void play(Context ctx) throws IOException, InterruptedException {
    String callId = ctx.pathParam("callid");
    CallScope scope = scopeOf.apply(ctx);
    ObjectNode call =
        calls.tenantsWithCall(callId).stream()
            .filter(t -> scope.tenant().map(t::equals).orElse(true))
            .map(t -> calls.find(t, callId))
            .flatMap(Optional::stream)
            .filter(scope::admits)
            .findFirst()
            .orElseThrow(() -> ApiException.notFound("no call " + callId));
    if (!call.hasNonNull("recording_url")) {
      throw noRecording();
    }
    String tenant = call.path("tenant").asText();
    RecordingSource source = sourceOf(tenant);
    Optional<String> range = Optional.ofNullable(ctx.header("Range")).map(String::strip);
    if (range.isPresent() && !RANGE.matcher(range.get()).matches()) {
      throw ApiException.coded(
          416,
          "bad_range",
          "Range: only one range of bytes is supported, such as bytes=0- or bytes=100-199",
          Map.of());
    }
    String url = call.get("recording_url").asText();
    HttpResponse<InputStream> reply = null;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      URI target =
          source
              .admit(url)
              .orElseThrow(
                  () ->
                      ApiException.coded(
                          502,
                          "recording_host_not_allowed",
                          "the recording is on a host this tenant's PBX settings do not allow;"
                              + " an admin can allow it (hub tenant set-pbx --recording-hosts)",
                          Map.of()));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).GET();
      range.ifPresent(value -> request.header("Range", value));
      try {
        reply = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException unreachable) {
        log.warn("call {}: the recording could not be fetched: {}", callId, unreachable.toString());
        throw ApiException.coded(
            502, "recording_unreachable", "the PBX's recording could not be fetched", Map.of());
      }
      int status = reply.statusCode();
      if (status >= 300 && status < 400 && reply.headers().firstValue("Location").isPresent()) {
        reply.body().close();
        url = target.resolve(reply.headers().firstValue("Location").get()).toString();
        reply = null;
        continue;
      }
      break;
    }
    if (reply == null) {
      throw ApiException.coded(
          502, "recording_unreachable", "the PBX redirected the recording too often", Map.of());
    }
    int status = reply.statusCode();
    if (status == 404 || status == 410) {
      reply.body().close();
      throw noRecording();
    }
    if (status != 200 && status != 206 && status != 416) {
      reply.body().close();
      throw ApiException.coded(
          502,
          "recording_unreachable",
          "the PBX answered " + status + " for the recording",
          Map.of());
    }
    ctx.status(status);
    for (String header : PASSED_HEADERS) {
      reply.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
    }
    if (reply.headers().firstValue("Accept-Ranges").isEmpty()) {
      ctx.header("Accept-Ranges", status == 206 ? "bytes" : "none");
    }
    ctx.header("Cache-Control", "private, max-age=300");
    try (InputStream body = reply.body()) {
      body.transferTo(ctx.outputStream());
    }
  }

  private static ApiException noRecording() {
    return ApiException.coded(
        404, "no_recording", "The recording of this call is not available yet.", Map.of());
  }
}
