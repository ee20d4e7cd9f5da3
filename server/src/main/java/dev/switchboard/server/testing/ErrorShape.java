package dev.switchboard.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a route's error replies look like, as its documentation gives them ({@code
 * {"result":null,"message":"..."}}, {@code {"error":"..."}}). Immutable.
 *
 * @param description the shape, for reports
 * @param test whether a JSON body has the shape
 */
public record ErrorShape(String description, Predicate<JsonNode> test) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A JSON object whose every member in {@code textMembers} is a non-blank string. */
  public static ErrorShape jsonWithText(String description, String... textMembers) {
    List<String> members = List.of(textMembers);
    return new ErrorShape(
        description,
        node ->
            node.isObject()
                && members.stream()
                    .allMatch(m -> node.path(m).isTextual() && !node.path(m).asText().isBlank()));
  }

  /** This shape, with {@code more} also required of the JSON body. */
  public ErrorShape and(Predicate<JsonNode> more) {
    return new ErrorShape(description, test.and(more));
  }

  /** A reply matching any of {@code shapes}. */
  public static ErrorShape anyOf(List<ErrorShape> shapes) {
    return new ErrorShape(
        String.join(" or ", shapes.stream().map(ErrorShape::description).distinct().toList()),
        node -> shapes.stream().anyMatch(shape -> shape.test().test(node)));
  }

  /** Whether {@code reply} is JSON of this shape. */
  public boolean matches(RawReply reply) {
    if (!reply.mediaType().equals("application/json")) {
      return false;
    }
    try {
      JsonNode node = JSON.readTree(reply.bytes());
      return node != null && test.test(node);
    } catch (IOException notJson) {
      return false;
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
