package dev.switchboard.client;

import static dev.switchboard.client.Failures.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.protocol.api.PbxKey;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Building a client: defaults, validation naming the setting, and a toString without the key. */
class PbxClientBuilderTest {
  private static final PbxKey KEY = Emulator.KEY;

  @Test
  void toStringShowsBothUrlsAndTheDomainButNeverTheKey() {
    PbxClient pbx =
        PbxClient.builder("https://pbx.example.com/voice/", KEY, " abc.com ")
            .reportBaseUrl("https://reports.example.com")
            .build();

    assertThat(pbx)
        .hasToString(
            "PbxClient[api=https://pbx.example.com/voice, reports=https://reports.example.com,"
                + " domain=abc.com]");
  }

  @Test
  void theReportUrlDefaultsToTheApiUrl() {
    assertThat(PbxClient.builder("http://pbx:8090", KEY, "abc.com").build())
        .hasToString("PbxClient[api=http://pbx:8090, reports=http://pbx:8090, domain=abc.com]");
  }

  @Test
  void aUrlThatIsNotHttpWithAHostIsRefusedNamingTheSetting() {
    assertThat(expect(IllegalArgumentException.class, () -> build("ftp://pbx:21"), KEY))
        .hasMessage("apiBaseUrl: 'ftp://pbx:21' is not an http or https URL");
    assertThat(expect(IllegalArgumentException.class, () -> build("pbx.example.com"), KEY))
        .hasMessage("apiBaseUrl: 'pbx.example.com' is not an http or https URL");
    assertThat(expect(IllegalArgumentException.class, () -> build("http:///x"), KEY))
        .hasMessageStartingWith("apiBaseUrl: 'http:///x' has no host");
    assertThat(expect(IllegalArgumentException.class, () -> build("http://pbx/?a=1"), KEY))
        .hasMessage("apiBaseUrl: 'http://pbx/?a=1' carries a query or fragment");
    assertThat(expect(IllegalArgumentException.class, () -> build("http://a b"), KEY))
        .hasMessage("apiBaseUrl: 'http://a b' is not a URL");
    assertThat(expect(IllegalArgumentException.class, () -> build(" "), KEY))
        .hasMessage("apiBaseUrl: is empty");
    assertThat(
            expect(
                IllegalArgumentException.class,
                () -> build("http://user:" + KEY.value() + "@pbx"),
                KEY))
        .hasMessage("apiBaseUrl: carries a user name or password, which the PBX API does not use");
    assertThat(
            expect(
                IllegalArgumentException.class,
                () -> build("http://pbx/" + KEY.value() + "?x"),
                KEY))
        .hasMessage("apiBaseUrl: 'http://pbx/***?x' carries a query or fragment");
    assertThat(
            expect(
                IllegalArgumentException.class,
                () ->
                    PbxClient.builder("http://pbx", KEY, "abc.com")
                        .reportBaseUrl("mailto:x@y")
                        .build(),
                KEY))
        .hasMessageStartingWith("reportBaseUrl: ");
  }

  @Test
  void timeoutsMustBePositiveAndTheDomainAndKeyPresent() {
    PbxClient.Builder builder = PbxClient.builder("http://pbx", KEY, "abc.com");
    assertThat(
            expect(
                IllegalArgumentException.class, () -> builder.connectTimeout(Duration.ZERO), KEY))
        .hasMessage("connectTimeout: must be positive (got PT0S)");
    assertThat(
            expect(
                IllegalArgumentException.class,
                () -> builder.requestTimeout(Duration.ofSeconds(-1)),
                KEY))
        .hasMessage("requestTimeout: must be positive (got PT-1S)");
    assertThat(
            expect(
                IllegalArgumentException.class,
                () -> PbxClient.builder("http://pbx", KEY, "").build(),
                KEY))
        .hasMessage("domain: is empty");
    expect(
        NullPointerException.class, () -> PbxClient.builder("http://pbx", null, "abc.com").build());
  }

  @Test
  void aGivenHttpClientIsUsed() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    PbxClient pbx =
        PbxClient.builder("http://127.0.0.1:1", KEY, "abc.com").httpClient(http).build();

    assertThat(expect(UnableToReachPbxException.class, pbx::queueMembers, KEY))
        .hasMessageStartingWith("could not reach the PBX at http://127.0.0.1:1 for queue members");
  }

  private static PbxClient build(String apiBaseUrl) {
    return PbxClient.builder(apiBaseUrl, KEY, "abc.com").build();
  }
}
