package dev.switchboard.jmh;

import dev.switchboard.protocol.webhook.WebhookPath;
import java.util.List;

/** One answered inbound call as a v2 PBX sends it: seven webhooks, three of them ChangeStatus. */
final class Webhooks {
  private Webhooks() {}

  /** A webhook's path and query string. */
  record Sent(WebhookPath path, String query) {}

  /** The answered call {@code callid}, taken by extension {@code extension}. */
  static List<Sent> answeredCall(String callid, String extension) {
    String call = "phone=0938363739&queue=999&extension=" + extension + "&callid=" + callid;
    return List.of(
        new Sent(WebhookPath.CALL_IN, call + "&event=RINGING&did=19002028"),
        new Sent(WebhookPath.AGENT_STATUS, "extension=" + extension + "&status=ring"),
        new Sent(WebhookPath.CALL_IN, call + "&event=ANSWER&did=19002028"),
        new Sent(WebhookPath.AGENT_STATUS, "extension=" + extension + "&status=talk"),
        new Sent(WebhookPath.HANGUP, "callid=" + callid),
        new Sent(WebhookPath.CALLDATA, calldata(callid, extension)),
        new Sent(WebhookPath.AGENT_STATUS, "extension=" + extension + "&status=on"));
  }

  /** The call's final record. */
  static String calldata(String callid, String extension) {
    return "callid="
        + callid
        + "&calldate=2024-03-01%2013:15:40&duration=50&billsec=37&status=ANSWER&did=19002028"
        + "&extension="
        + extension
        + "&phone=0938363739&direction=Inbound&recordingfile=https://portal.voicecloud.vn/"
        + "play_audio/data/"
        + callid;
  }
}
