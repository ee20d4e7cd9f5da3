package dev.switchboard.server.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A legitimate request to one endpoint, which the {@link HostileGenerator} breaks in every way it
 * knows: the method, the path (braces mark the parameters: {@code /sim/agents/{101}}), the query,
 * the headers and a JSON or form body, the secret it carries (a token or key, valid or not), and
 * the error shape the route documents. Text is as it goes on the wire (already percent-encoded; one
 * char a byte). Immutable: each {@code with} method returns a changed copy.
 *
 * @param name what the request is, for reports ({@code "POST /sim/calls, inbound"})
 * @param method the HTTP method
 * @param path the path segments
 * @param query the query parameters
 * @param headers the headers besides Host, Connection, Content-Type and Content-Length
 * @param body the body
 * @param secret the token or key the request carries, wherever it stands
 * @param errors the shape of the route's error replies
 */
public record Target(
    String name,
    String method,
    List<Segment> path,
    List<Field> query,
    List<Field> headers,
    Body body,
    Optional<String> secret,
    ErrorShape errors) {

  /** A path segment; {@code parameter} when the route reads it as a value. */
  public record Segment(String text, boolean parameter) {}

  /** A name and a value: a query parameter, a header, a form field or a JSON member. */
  public record Field(String name, String value) {}

  /** What a body holds. */
  public enum BodyKind {
    /** No body. */
    NONE,
    /** A JSON object; each field's value is a JSON literal ({@code "inbound"}, {@code 5}). */
    JSON,
    /** {@code application/x-www-form-urlencoded}. */
    FORM
  }

  /** A body: its kind and fields. */
  public record Body(BodyKind kind, List<Field> fields) {
    /** Copies the fields. */
    public Body {
      fields = List.copyOf(fields);
    }
  }

  /** Copies the lists. */
  public Target {
    path = List.copyOf(path);
    query = List.copyOf(query);
    headers = List.copyOf(headers);
  }

  /** A GET of {@code path} (braces mark parameters), answering errors in {@code errors}. */
  public static Target get(String name, String path, ErrorShape errors) {
    return of(name, "GET", path, errors);
  }

  /** A POST of {@code path} without a body yet. */
  public static Target post(String name, String path, ErrorShape errors) {
    return of(name, "POST", path, errors);
  }

  /** A request of {@code method} to {@code path}. */
  public static Target of(String name, String method, String path, ErrorShape errors) {
    List<Segment> segments = new ArrayList<>();
    for (String part : path.substring(1).split("/", -1)) {
      boolean parameter = part.startsWith("{") && part.endsWith("}");
      segments.add(new Segment(parameter ? part.substring(1, part.length() - 1) : part, parameter));
    }
    return new Target(
        name,
        method,
        segments,
        List.of(),
        List.of(),
        new Body(BodyKind.NONE, List.of()),
        Optional.empty(),
        errors);
  }

  /** With query parameter {@code name=value} added (both as on the wire). */
  public Target withQuery(String name, String value) {
    List<Field> more = new ArrayList<>(query);
    more.add(new Field(name, value));
    return new Target(this.name, method, path, more, headers, body, secret, errors);
  }

  /** With header {@code name: value} added. */
  public Target withHeader(String name, String value) {
    List<Field> more = new ArrayList<>(headers);
    more.add(new Field(name, value));
    return new Target(this.name, method, path, query, more, body, secret, errors);
  }

  /** With JSON member {@code name} set to the JSON literal {@code literal}. */
  public Target withJson(String name, String literal) {
    return withBodyField(BodyKind.JSON, name, literal);
  }

  /** With JSON member {@code name} set to the string {@code text}. */
  public Target withJsonText(String name, String text) {
    return withJson(name, Wire.jsonString(text));
  }

  /** With form field {@code name=value} (as on the wire). */
  public Target withForm(String name, String value) {
    return withBodyField(BodyKind.FORM, name, value);
  }

  /** Carrying {@code value} as its secret (wherever it appears in the request). */
  public Target withSecret(String value) {
    return new Target(name, method, path, query, headers, body, Optional.of(value), errors);
  }

  private Target withBodyField(BodyKind kind, String name, String value) {
    if (body.kind() != BodyKind.NONE && body.kind() != kind) {
      throw new IllegalArgumentException(this.name + ": a body is JSON or a form, not both");
    }
    List<Field> more = new ArrayList<>(body.fields());
    more.add(new Field(name, value));
    return new Target(
        this.name, method, path, query, headers, new Body(kind, more), secret, errors);
  }

  @Override
  public String toString() {
    return name;
  }
}
