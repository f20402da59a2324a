package io.siamhub.adapters.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ProviderTimesTest {

    @Test
    void everyFormatTheProvidersSend() {
        Instant expected = Instant.parse("2021-06-23T08:41:06.622Z");
        assertThat(ProviderTimes.parse("2021-06-23T08:41:06.622Z")).isEqualTo(expected);
        assertThat(ProviderTimes.parse("2021-06-23T08:41:06.622+0000")).as("CloudWatch").isEqualTo(expected);
        assertThat(ProviderTimes.parse("2021-06-23T10:41:06.622+02:00")).as("ISO offset").isEqualTo(expected);
        assertThat(ProviderTimes.parse("2021-06-23T10:41:06.622+0200")).as("Jira").isEqualTo(expected);
        assertThat(ProviderTimes.parse("2016-12-14 02:46:44")).as("ServiceNow, UTC").isEqualTo(Instant.parse("2016-12-14T02:46:44Z"));
        assertThat(ProviderTimes.parse("Thu, 21 Apr 2022 00:00:00 GMT")).as("AWS Health").isEqualTo(Instant.parse("2022-04-21T00:00:00Z"));
        assertThat(ProviderTimes.parse("Mon, 21 Apr 2022 00:00:00 GMT")).as("a wrong weekday loses nothing")
                .isEqualTo(Instant.parse("2022-04-21T00:00:00Z"));
        assertThat(ProviderTimes.parse("1675398434")).as("epoch seconds").isEqualTo(Instant.parse("2023-02-03T04:27:14Z"));
        assertThat(ProviderTimes.parse("1485797534721")).as("epoch millis").isEqualTo(Instant.parse("2017-01-30T17:32:14.721Z"));
        assertThat(ProviderTimes.parse("2021-11-16T11:47:41.4728231Z")).as("7 fraction digits")
                .isEqualTo(Instant.parse("2021-11-16T11:47:41.472823100Z"));
    }

    @Test
    void nothingOrNonsenseIsNull() {
        assertThat(ProviderTimes.parse(null)).isNull();
        assertThat(ProviderTimes.parse(" ")).isNull();
        assertThat(ProviderTimes.parse("yesterday")).isNull();
    }
}
