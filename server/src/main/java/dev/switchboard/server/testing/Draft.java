package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.BodyKind;
import dev.switchboard.server.testing.Target.Field;
import dev.switchboard.server.testing.Target.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * A request being broken by an attack: starts as its {@link Target}'s legitimate request and is
 * rendered to bytes once the attack is done. Every part stays editable, down to a raw body that
 * replaces the rendered one and framing written by hand. Text is wire text (one char a byte). Not
 * thread-safe; one per request.
 */
public final class Draft {
  final Target target;
  String method;
  String version = "HTTP/1.1";
  final List<Segment> path;
  final List<Field> query;
  final List<Field> headers = new ArrayList<>();
  BodyKind bodyKind;
  final List<Field> bodyFields;
  String rawBody;
  String rawRequest;
  boolean contentLength = true;
  boolean halfClose;
  Pacing pacing = Pacing.atOnce();
  boolean changedRoute;
  boolean routeless;

  Draft(Target target) {
    this.target = target;
    this.method = target.method();
    this.path = new ArrayList<>(target.path());
    this.query = new ArrayList<>(target.query());
    this.bodyKind = target.body().kind();
    this.bodyFields = new ArrayList<>(target.body().fields());
    headers.add(new Field("Host", "127.0.0.1"));
    headers.add(new Field("Connection", "close"));
    switch (bodyKind) {
      case JSON -> headers.add(new Field("Content-Type", "application/json"));
      case FORM -> headers.add(new Field("Content-Type", "application/x-www-form-urlencoded"));
      case NONE -> {}
    }
    headers.addAll(target.headers());
  }

  /** Every value the route reads, wherever it stands: path parameters, query, body fields. */
  List<Slot> values() {
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      if (path.get(i).parameter()) {
        slots.add(Slot.pathParameter(path, i));
      }
    }
    for (int i = 0; i < query.size(); i++) {
      slots.add(Slot.field(query, i, Slot.Kind.QUERY));
    }
    for (int i = 0; i < bodyFields.size(); i++) {
      slots.add(
          Slot.field(bodyFields, i, bodyKind == BodyKind.JSON ? Slot.Kind.JSON : Slot.Kind.FORM));
    }
    return slots;
  }

  /** One of the values, or a new query parameter {@code q} when the route reads none. */
  Slot anyValue(Random random) {
    List<Slot> slots = values();
    if (slots.isEmpty()) {
      query.add(new Field("q", "1"));
      return Slot.field(query, query.size() - 1, Slot.Kind.QUERY);
    }
    return slots.get(random.nextInt(slots.size()));
  }

  /** A value read from the URL (path parameter, query or form), or a new query parameter. */
  Slot urlValue(Random random) {
    List<Slot> slots = values().stream().filter(s -> s.kind() != Slot.Kind.JSON).toList();
    if (slots.isEmpty()) {
      query.add(new Field("q", "1"));
      return Slot.field(query, query.size() - 1, Slot.Kind.QUERY);
    }
    return Attack.pick(random, slots);
  }

  /** A value of the body; a request without one is given a small JSON body first. */
  Slot bodyValue(Random random) {
    if (bodyValues().isEmpty()) {
      if (bodyKind == BodyKind.NONE) {
        bodyKind = BodyKind.JSON;
        setHeader("Content-Type", "application/json");
      }
      bodyFields.add(new Field("note", bodyKind == BodyKind.JSON ? "\"text\"" : "text"));
    }
    return Attack.pick(random, bodyValues());
  }

  private List<Slot> bodyValues() {
    return values().stream()
        .filter(s -> s.kind() == Slot.Kind.JSON || s.kind() == Slot.Kind.FORM)
        .toList();
  }

  /** The body as it would be rendered, after giving a request without one a small JSON body. */
  String bodyOrSmallJson(Random random) {
    if (body().isEmpty()) {
      bodyValue(random);
    }
    return body();
  }

  /** The head without a Content-Length, for an attack that writes its own framing. */
  String headWithoutLength(String body) {
    contentLength = false;
    return head(body);
  }

  /** The index of a path segment that is not a parameter. */
  int fixedSegment(Random random) {
    List<Integer> fixed = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      if (!path.get(i).parameter() && !path.get(i).text().isEmpty()) {
        fixed.add(i);
      }
    }
    return fixed.isEmpty() ? 0 : Attack.pick(random, fixed);
  }

  /** The values whose name matches {@code pattern} (a regex, any case). */
  List<Slot> valuesNamed(String pattern) {
    return values().stream()
        .filter(slot -> slot.name().toLowerCase(Locale.ROOT).matches(pattern))
        .toList();
  }

  /** The route's secret, if it has one. */
  Optional<String> secret() {
    return target.secret();
  }

  /** Replaces the secret with {@code other} wherever it stands. */
  void replaceSecret(String other) {
    target
        .secret()
        .ifPresent(
            secret -> {
              // An emptied path segment (/hooks//api/...) matches another route, or none.
              if (other.isEmpty()
                  && path.stream().anyMatch(segment -> segment.text().contains(secret))) {
                changedRoute = true;
              }
              replaceEverywhere(secret, other);
            });
  }

  private void replaceEverywhere(String text, String other) {
    for (int i = 0; i < path.size(); i++) {
      Segment segment = path.get(i);
      path.set(i, new Segment(segment.text().replace(text, other), segment.parameter()));
    }
    for (List<Field> fields : List.of(query, headers, bodyFields)) {
      for (int i = 0; i < fields.size(); i++) {
        Field field = fields.get(i);
        if (field.value() != null) {
          fields.set(i, new Field(field.name(), field.value().replace(text, other)));
        }
      }
    }
  }

  /** Removes every header named {@code name}. */
  void removeHeader(String name) {
    headers.removeIf(header -> header.name().equalsIgnoreCase(name));
  }

  /** Sets header {@code name} (replacing any with that name). */
  void setHeader(String name, String value) {
    removeHeader(name);
    headers.add(new Field(name, value));
  }

  /** Adds header {@code name} (keeping any with that name). */
  void addHeader(String name, String value) {
    headers.add(new Field(name, value));
  }

  /** The body as it would be rendered. */
  String body() {
    if (rawBody != null) {
      return rawBody;
    }
    List<String> parts = new ArrayList<>();
    switch (bodyKind) {
      case JSON -> {
        bodyFields.forEach(f -> parts.add(Wire.jsonString(f.name()) + ":" + f.value()));
        return "{" + String.join(",", parts) + "}";
      }
      case FORM -> {
        bodyFields.forEach(f -> parts.add(f.name() + "=" + f.value()));
        return String.join("&", parts);
      }
      default -> {
        return "";
      }
    }
  }

  /** The request target: path and query string. */
  String requestTarget() {
    StringBuilder out = new StringBuilder();
    for (Segment segment : path) {
      out.append('/').append(segment.text());
    }
    if (!query.isEmpty()) {
      List<String> parts = new ArrayList<>();
      query.forEach(f -> parts.add(f.value() == null ? f.name() : f.name() + "=" + f.value()));
      out.append('?').append(String.join("&", parts));
    }
    return out.toString();
  }

  /** The request line and headers, CRLFs included, without the blank line. */
  String head(String body) {
    StringBuilder out = new StringBuilder();
    out.append(method).append(' ').append(requestTarget());
    if (!version.isEmpty()) {
      out.append(' ').append(version);
    }
    out.append("\r\n");
    for (Field header : headers) {
      out.append(header.name()).append(": ").append(header.value()).append("\r\n");
    }
    if (contentLength && (!body.isEmpty() || bodyKind != BodyKind.NONE)) {
      out.append("Content-Length: ").append(body.length()).append("\r\n");
    }
    return out.toString();
  }

  /** The whole request as wire text. */
  String render() {
    if (rawRequest != null) {
      return rawRequest;
    }
    String body = body();
    return head(body) + "\r\n" + body;
  }
}
