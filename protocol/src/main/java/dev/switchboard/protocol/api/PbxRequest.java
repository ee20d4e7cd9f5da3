package dev.switchboard.protocol.api;

import dev.switchboard.protocol.ProtocolException;
import java.util.Optional;

/**
 * A call from the CRM to the PBX API. Each kind is a validated, immutable record that writes its
 * exact wire form ({@link #path()}, {@link #body()}) and reads it back. Every request carries the
 * company {@link PbxKey}, which its {@code toString} never shows; its path (click-to-call) or body
 * (the others) does hold the key and must not be logged.
 */
public sealed interface PbxRequest
    permits ClickToCall,
        ExtensionStatusRequest,
        SpyRequest,
        QueueMembersRequest,
        QueueStatusUpdate,
        CdrQuery {

  /** The company key that authenticates the call. */
  PbxKey key();

  /** Which API call this is. */
  PbxApiPath apiPath();

  /** The request path under the PBX base URL (for click-to-call, with its parameters). */
  default String path() {
    return apiPath().path();
  }

  /** The JSON body to POST; empty for click-to-call, which is a GET. */
  Optional<String> body();

  /**
   * The full URL: {@code pbxBaseUrl} (which may end in a slash or carry a path prefix, but no
   * query) followed by {@link #path()}.
   */
  default String url(String pbxBaseUrl) {
    return PathSegments.baseUrl(pbxBaseUrl) + path();
  }

  /**
   * Reads an incoming request (for the PBX emulator): which call it is comes from {@code
   * requestPath}, its parameters from the path (click-to-call) or the JSON {@code body} (the
   * others).
   */
  static PbxRequest parse(String requestPath, String body) {
    PbxApiPath call =
        PbxApiPath.fromRequestPath(requestPath)
            .orElseThrow(() -> ProtocolException.input("the path is not one of the PBX API's"));
    switch (call) {
      case DIAL:
      case DIAL_ASYNC:
        return ClickToCall.parsePath(requestPath);
      case EXTENSION_STATUS:
        return ExtensionStatusRequest.parse(body);
      case SPY:
        return SpyRequest.parse(body);
      case QUEUE_MEMBERS:
        return QueueMembersRequest.parse(body);
      case QUEUE_STATUS_UPDATE:
        return QueueStatusUpdate.parse(body);
      case CDR:
        return CdrQuery.parse(body);
      default:
        throw ProtocolException.input("the path is not one of the PBX API's");
    }
  }
}
