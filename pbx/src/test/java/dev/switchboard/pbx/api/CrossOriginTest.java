package dev.switchboard.pbx.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A CRM page on another origin calls the PBX API from the browser: real preflight requests as a
 * browser sends them, then the calls themselves, over HTTP to a real server.
 */
class CrossOriginTest {
  private static final String ORIGIN = "https://crm.example.vn";
  private static final String STATUS = "/api/Agent/status/format/json";

  private final TestPbx pbx = TestPbx.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    pbx.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> preflight(String path, String method, String headers)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(pbx.baseUrl() + path))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", ORIGIN)
            .header("Access-Control-Request-Method", method)
            .header("Access-Control-Request-Headers", headers));
  }

  @Test
  void aPreflightForAJsonPostIsAnswered204WithWhatTheBrowserAsked() throws Exception {
    HttpResponse<String> reply = preflight(STATUS, "POST", "content-type");

    assertThat(reply.statusCode()).isEqualTo(204);
    assertThat(reply.body()).isEmpty();
    assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(reply.headers().firstValue("Access-Control-Allow-Methods")).contains("POST");
    assertThat(reply.headers().firstValue("Access-Control-Allow-Headers")).contains("content-type");
    assertThat(pbx.webhooks).isEmpty();
  }

  @Test
  void theReportAndClickToCallAnswerPreflightsToo() throws Exception {
    assertThat(preflight("/internal/Reports/cdr/format/json", "POST", "content-type").statusCode())
        .isEqualTo(204);
    HttpResponse<String> dial =
        preflight(
            "/api/CallControl/dial/from_number/101/to_number/0938363739/key/x/domain/abc.com",
            "GET",
            "x-requested-with");
    assertThat(dial.statusCode()).isEqualTo(204);
    assertThat(dial.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(pbx.engine.activeCalls()).as("a preflight places no call").isZero();
  }

  @Test
  void everyApiReplyToAPageCarriesAllowOriginEvenAnError() throws Exception {
    HttpResponse<String> ok =
        send(
            HttpRequest.newBuilder(URI.create(pbx.baseUrl() + STATUS))
                .header("Origin", ORIGIN)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"key\":\"" + TestPbx.KEY + "\",\"list\":[{\"ext\":\"101\"}]}")));
    HttpResponse<String> forbidden =
        send(
            HttpRequest.newBuilder(URI.create(pbx.baseUrl() + STATUS))
                .header("Origin", ORIGIN)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"key\":\"wrong\",\"list\":[{\"ext\":\"101\"}]}")));
    HttpResponse<String> dial =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        pbx.baseUrl()
                            + "/api/CallControl/dial_async/from_number/101/to_number/0938363739"
                            + "/key/"
                            + TestPbx.KEY
                            + "/domain/abc.com"))
                .header("Origin", ORIGIN)
                .GET());

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(dial.statusCode()).isEqualTo(200);
    for (HttpResponse<String> reply : java.util.List.of(ok, forbidden, dial)) {
      assertThat(reply.headers().firstValue("Access-Control-Allow-Origin"))
          .as(reply.uri().getPath())
          .contains("*");
      assertThat(reply.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
  }

  @Test
  void theControlApiIsNotOpenToPages() throws Exception {
    HttpResponse<String> preflight = preflight("/sim/calls", "POST", "content-type");
    HttpResponse<String> clock =
        send(
            HttpRequest.newBuilder(URI.create(pbx.baseUrl() + "/sim/clock"))
                .header("Origin", ORIGIN)
                .GET());

    assertThat(preflight.statusCode()).isNotEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(clock.statusCode()).isEqualTo(200);
    assertThat(clock.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }
}
