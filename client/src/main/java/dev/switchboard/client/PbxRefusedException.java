package dev.switchboard.client;

/**
 * The PBX answered, but not with what the call asked for: it refused with an error message ({@code
 * extension 555 does not exist}, {@code extension 103 is busy on another call}), or its reply did
 * not have the shape the call expects (not JSON, no {@code result}, an HTML page...). Not worth
 * retrying as is: the same request will be refused again.
 */
public final class PbxRefusedException extends PbxClientException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String pbxMessage;

  PbxRefusedException(String message, int status, String pbxMessage) {
    super(message);
    this.status = status;
    this.pbxMessage = pbxMessage;
  }

  /**
   * The HTTP status of the reply: 200 when the PBX put its error in the body of a successful
   * answer, 400 or 404 when the emulator refuses, and so on.
   */
  public int status() {
    return status;
  }

  /**
   * What the PBX said, with the key hidden: its own message ({@code extension 555 does not exist}),
   * or, for a reply of the wrong shape, the problem and the first 200 characters of the body.
   */
  public String pbxMessage() {
    return pbxMessage;
  }
}
