package dev.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Mappers with shared buffers write and read as Jackson's defaults do, from any thread. */
class JsonMappersTest {
  private static ObjectNode sample(int n) {
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("status code", 200);
    node.put("message", "Cuộc gọi nhỡ của Nguyễn Văn Ân \"VIP\"\n\t<script>");
    node.put("n", n);
    node.putArray("extensions").add("101").add(n);
    node.putObject("nested").put("long", "x".repeat(20_000 + n)).putNull("none");
    return node;
  }

  @Test
  void theSharedBuffersAreWhatTheMappersUse() {
    assertThat(JsonMappers.create().getFactory()._getRecyclerPool()).isSameAs(JsonMappers.BUFFERS);
    assertThat(JsonMappers.builder().build().getFactory()._getRecyclerPool())
        .isSameAs(JsonMappers.BUFFERS);
  }

  @Test
  void textIsWhatJacksonsOwnToStringWrites() throws Exception {
    ObjectNode node = sample(7);
    assertThat(JsonMappers.text(node)).isEqualTo(node.toString());
    JsonNode read = JsonMappers.create().readTree(JsonMappers.text(node));
    assertThat(read).isEqualTo(new ObjectMapper().readTree(node.toString()));
  }

  @Test
  void manyThreadsAtOnceEachGetTheirOwnText() throws Exception {
    ObjectMapper mapper = JsonMappers.create();
    List<Future<Boolean>> results = new ArrayList<>();
    // Java 17 here (the protocol's bytecode level): platform threads, many more than the cores.
    ExecutorService threads = Executors.newFixedThreadPool(32);
    try {
      for (int i = 0; i < 2_000; i++) {
        int n = i;
        results.add(
            threads.submit(
                () -> {
                  ObjectNode node = sample(n);
                  String text = JsonMappers.text(node);
                  return text.equals(node.toString()) && mapper.readTree(text).equals(node);
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
