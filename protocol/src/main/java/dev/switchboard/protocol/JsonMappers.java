package dev.switchboard.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson mappers whose buffers are recycled across threads. Jackson's default pool keeps one set
 * of buffers per thread; a server that runs each request on a virtual thread of its own gets new
 * buffers (some 8 KiB of {@code char[]} per reader or writer) for every request, and under the
 * intake benchmark that was a tenth of all the hub allocated. One shared, bounded pool serves
 * platform and virtual threads alike. Thread-safe.
 */
public final class JsonMappers {
  /**
   * Buffer sets kept between uses, at most: one for each mapper call under way at once, up to this
   * many, the rest dropped when released (an unbounded pool would keep, for good, one set for each
   * call of the busiest moment, each set as large as the largest text it ever held).
   */
  public static final int KEPT_BUFFERS = 64;

  /** The buffers every mapper made here shares. */
  public static final RecyclerPool<BufferRecycler> BUFFERS =
      JsonRecyclerPools.newBoundedPool(KEPT_BUFFERS);

  private static final ObjectMapper TEXT = create();

  private JsonMappers() {}

  /**
   * {@code node} as compact JSON text, what {@link JsonNode#toString()} gives, but written with the
   * shared buffers ({@code toString()} uses Jackson's own mapper and its per-thread buffers).
   */
  public static String text(JsonNode node) {
    try {
      return TEXT.writeValueAsString(node);
    } catch (JsonProcessingException impossible) { // a tree always writes
      throw new IllegalStateException(impossible);
    }
  }

  /** A builder with Jackson's defaults and the shared buffers. */
  public static JsonMapper.Builder builder() {
    return JsonMapper.builder(JsonFactory.builder().recyclerPool(BUFFERS).build());
  }

  /**
   * A mapper with Jackson's defaults (what {@code new ObjectMapper()} makes) and shared buffers.
   */
  public static ObjectMapper create() {
    return builder().build();
  }
}
