package dev.switchboard.server.testing;

import dev.switchboard.server.testing.Target.Field;
import dev.switchboard.server.testing.Target.Segment;
import java.util.List;

/**
 * One value of a {@link Draft} that an attack may change: a path parameter, a query parameter, a
 * form field or a JSON member. {@link #setText} delivers text intact (encoded as the place needs),
 * {@link #setRaw} puts wire bytes in as they are, {@link #setNumber} writes a number unquoted. A
 * view of its draft's lists; not thread-safe.
 */
final class Slot {
  /** Where the value stands. */
  enum Kind {
    PATH,
    QUERY,
    FORM,
    JSON
  }

  private final Kind kind;
  private final List<Segment> segments;
  private final List<Field> fields;
  private final int index;

  private Slot(Kind kind, List<Segment> segments, List<Field> fields, int index) {
    this.kind = kind;
    this.segments = segments;
    this.fields = fields;
    this.index = index;
  }

  static Slot pathParameter(List<Segment> path, int index) {
    return new Slot(Kind.PATH, path, null, index);
  }

  static Slot field(List<Field> fields, int index, Kind kind) {
    return new Slot(kind, null, fields, index);
  }

  Kind kind() {
    return kind;
  }

  /** The field's name; for a path parameter, the segment before it (click-to-call's names). */
  String name() {
    if (kind == Kind.PATH) {
      return index > 0 ? segments.get(index - 1).text() : "";
    }
    return fields.get(index).name();
  }

  /** The value as on the wire. */
  String raw() {
    return kind == Kind.PATH ? segments.get(index).text() : fields.get(index).value();
  }

  /** The value the server reads (for JSON, the literal without quotes when it is a string). */
  String text() {
    String raw = raw();
    if (kind == Kind.JSON && raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      return raw.substring(1, raw.length() - 1);
    }
    return raw;
  }

  /** Sets {@code text}, encoded so that the server reads it as it is. */
  void setText(String text) {
    setRaw(kind == Kind.JSON ? Wire.jsonString(text) : Wire.percentEncoded(text));
  }

  /** Sets wire text as it is; a JSON string keeps its quotes around it. */
  void setRawInside(String wire) {
    setRaw(kind == Kind.JSON ? "\"" + wire + "\"" : wire);
  }

  /** Sets a number (or any JSON literal) unquoted; elsewhere, percent-encoded. */
  void setNumber(String literal) {
    setRaw(kind == Kind.JSON ? literal : Wire.percentEncoded(literal));
  }

  /** Sets the wire text exactly (for JSON, the whole literal). */
  void setRaw(String wire) {
    if (kind == Kind.PATH) {
      segments.set(index, new Segment(wire, true));
    } else {
      fields.set(index, new Field(fields.get(index).name(), wire));
    }
  }

  /** Adds a second field with this one's name and {@code wire} as value (a path, a second pair). */
  void duplicate(String wire) {
    if (kind == Kind.PATH) {
      String name = name();
      segments.add(new Segment(name, false));
      segments.add(new Segment(wire, true));
    } else {
      fields.add(new Field(fields.get(index).name(), wire));
    }
  }
}
