package dev.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.client.PbxExchange.Reply;
import dev.switchboard.protocol.ProtocolException;
import dev.switchboard.protocol.api.DialReply;
import dev.switchboard.protocol.api.PbxReply;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a 2xx reply the way each call expects it, with the protocol module's parsers. A reply in
 * the error shape {@code {"result":null,"message":"..."}} is a refusal carrying the PBX's message;
 * a reply of any other wrong shape is a refusal naming the problem and quoting the body's start.
 * Accepts what PBXs in the field send: plain-text {@code Success} (any case, any surrounding white
 * space) for click-to-call, and for the calls that return no data (spy, pause). Stateless.
 */
final class Replies {
  private static final String SUCCESS = "success";

  private Replies() {}

  /** A click-to-call's reply: the new call's id when the PBX gave one. */
  static Optional<String> dialed(PbxCall call, Reply reply) {
    DialReply dial = DialReply.parse(reply.body(), call.key());
    if (dial.success()) {
      return dial.callId();
    }
    throw PbxCall.errorMessage(reply.body())
        .map(said -> call.refused(reply.status(), said))
        .orElseGet(
            () ->
                call.unexpectedReply(
                    reply.status(),
                    "expected the text Success or JSON with a result",
                    reply.body()));
  }

  /**
   * A reply that carries data in {@code result}, read by {@code parse} (one of the protocol
   * records' {@code parse} methods).
   */
  static <T> T data(PbxCall call, Reply reply, Function<String, T> parse) {
    checkNotRefused(call, reply);
    try {
      return parse.apply(reply.body());
    } catch (ProtocolException wrongShape) {
      throw call.unexpectedReply(reply.status(), wrongShape.getMessage(), reply.body());
    }
  }

  /**
   * A reply that only says the call was carried out: {@code Success} as text, or JSON with a
   * non-null {@code result}, which is returned (empty for the text).
   */
  static Optional<JsonNode> done(PbxCall call, Reply reply) {
    if (reply.body().trim().toLowerCase(Locale.ROOT).equals(SUCCESS)) {
      return Optional.empty();
    }
    return checkNotRefused(call, reply).result();
  }

  private static PbxReply checkNotRefused(PbxCall call, Reply reply) {
    PbxReply generic;
    try {
      generic = PbxReply.parse(reply.body());
    } catch (ProtocolException notJson) {
      throw call.unexpectedReply(reply.status(), notJson.getMessage(), reply.body());
    }
    if (!generic.isOk()) {
      throw PbxCall.errorMessage(reply.body())
          .map(said -> call.refused(reply.status(), said))
          .orElseGet(
              () ->
                  call.unexpectedReply(
                      reply.status(), "no result and no error message", reply.body()));
    }
    return generic;
  }
}
