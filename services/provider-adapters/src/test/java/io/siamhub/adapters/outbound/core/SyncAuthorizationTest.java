package io.siamhub.adapters.outbound.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.siamhub.model.SiamJson;

/** Which credentials a sync target uses, and the configurations refused at start. Pure: no Quarkus, no token endpoint. */
class SyncAuthorizationTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void basicAndOAuthForOneTargetAreRefusedAtStartNamingBothKeys() {
        assertThatThrownBy(() -> SyncAuthorization.of("servicenow", Optional.of("siam"), Optional.of("pw-never-shown"), Optional.empty(),
                Optional.of(oauth(Optional.of("client-secret-never-shown"), Optional.empty())), null, CLOCK, SiamJson.mapper()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("siam.adapters.outbound.servicenow.username/.password")
                .hasMessageContaining("siam.adapters.outbound.servicenow.oauth.*").hasMessageContaining("set one of them")
                .satisfies(refusal -> assertThat(refusal.getMessage()).doesNotContain("pw-never-shown", "client-secret-never-shown"));
    }

    @Test
    void oauthWithoutASecretIsRefusedAtStart() {
        assertThatThrownBy(() -> SyncAuthorization.of("jira", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(oauth(Optional.empty(), Optional.empty())), null, CLOCK, SiamJson.mapper()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("siam.adapters.outbound.jira.oauth.client-secret (or .oauth.client-secret-file) is not set");
    }

    @Test
    void anUnreadableSecretFileIsRefusedNamingTheKey(@TempDir Path dir) {
        assertThatThrownBy(() -> SyncAuthorization.of("jira", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(oauth(Optional.empty(), Optional.of(dir.resolve("missing")))), null, CLOCK, SiamJson.mapper()))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("siam.adapters.outbound.jira.oauth.client-secret-file cannot be read");
    }

    @Test
    void basicCredentialsGiveTheirHeaderAndAreNotRenewed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("password"), "from-the-file\n");
        SyncAuthorization basic = SyncAuthorization.of("servicenow", Optional.of("siam"), Optional.of("ignored"),
                Optional.of(dir.resolve("password")), Optional.empty(), null, CLOCK, SiamJson.mapper());
        assertThat(basic.header().await().indefinitely()).isEqualTo("Basic c2lhbTpmcm9tLXRoZS1maWxl"); // siam:from-the-file
        assertThat(basic.renews()).isFalse();
        assertThat(basic.describe()).isEqualTo("basic");
        SyncAuthorization none = SyncAuthorization.of("jira", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), null,
                CLOCK, SiamJson.mapper());
        assertThat(none.header().await().indefinitely()).isNull();
        assertThat(none.describe()).isEqualTo("none");
    }

    @Test
    void oauthIsDescribedByItsTokenUrlOnly() {
        SyncAuthorization oauth = SyncAuthorization.of("jira", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(oauth(Optional.of("client-secret-never-shown"), Optional.empty())), null, CLOCK, SiamJson.mapper());
        assertThat(oauth.renews()).isTrue();
        assertThat(oauth.describe()).isEqualTo("oauth https://auth.atlassian.com/oauth/token");
    }

    private static SyncOAuthConfig oauth(Optional<String> secret, Optional<Path> file) {
        return new SyncOAuthConfig() {
            @Override
            public URI tokenUrl() {
                return URI.create("https://auth.atlassian.com/oauth/token");
            }

            @Override
            public String clientId() {
                return "client";
            }

            @Override
            public Optional<String> clientSecret() {
                return secret;
            }

            @Override
            public Optional<Path> clientSecretFile() {
                return file;
            }

            @Override
            public Optional<String> scope() {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> refreshBefore() {
                return Optional.empty();
            }
        };
    }
}
