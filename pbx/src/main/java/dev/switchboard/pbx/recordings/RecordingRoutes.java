package dev.switchboard.pbx.recordings;

import dev.switchboard.pbx.api.ApiFailure;
import dev.switchboard.pbx.config.TenantSetup;
import dev.switchboard.pbx.engine.Engine;
import dev.switchboard.pbx.engine.FinishedCall;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the recordings the emulator's call records point to, {@code GET /play_audio/data/{callid}}
 * (the path of the documents' {@code recordingfile}): a playable WAV made on the fly ({@link
 * WavRecording}) as long as the call's talk time, at most two minutes, with range requests for
 * players that seek. A call that is unknown, was not answered, or whose tenant does not record
 * answers 404 with {@code {"result":null,"message":"..."}}. Thread-safe.
 */
public final class RecordingRoutes {
  /** The path, under the emulator's base URL. */
  public static final String PATH = "/play_audio/data/{callid}";

  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final Engine engine;

  /** Routes over {@code engine}'s finished calls. */
  public RecordingRoutes(Engine engine) {
    this.engine = engine;
  }

  /** Adds the route. */
  public void register(RoutesConfig routes) {
    routes.get(PATH, this::play);
  }

  private void play(Context ctx) {
    String callId = ctx.pathParam("callid");
    if (callId.endsWith(".wav")) {
      callId = callId.substring(0, callId.length() - ".wav".length());
    }
    if (!CALL_ID.matcher(callId).matches()) {
      throw ApiFailure.notFound("no call has that id");
    }
    WavRecording recording = WavRecording.lasting(recordedCall(callId).billsec());
    ctx.header("Content-Disposition", "inline; filename=\"" + callId + ".wav\"");
    ctx.writeSeekableStream(recording.open(), WavRecording.CONTENT_TYPE, recording.sizeInBytes());
  }

  private FinishedCall recordedCall(String callId) {
    for (TenantSetup tenant : engine.tenants()) {
      Optional<FinishedCall> call =
          engine
              .finished(tenant.domain(), Optional.of(callId), LocalDate.MIN, LocalDate.MAX)
              .stream()
              .findFirst();
      if (call.isEmpty()) {
        continue;
      }
      if (!tenant.recording()) {
        throw ApiFailure.notFound("calls of " + tenant.domain() + " are not recorded");
      }
      if (!call.get().status().equals("ANSWER") || call.get().billsec().isZero()) {
        throw ApiFailure.notFound(
            "call " + callId + " was not answered (" + call.get().status() + "): no recording");
      }
      return call.get();
    }
    throw ApiFailure.notFound("no finished call " + callId + " on this PBX");
  }
}
