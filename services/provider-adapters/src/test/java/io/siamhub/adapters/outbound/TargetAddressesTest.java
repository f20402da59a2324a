package io.siamhub.adapters.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.siamhub.adapters.outbound.core.TargetAddresses;

/** A subscription cannot reach internal addresses; loopback only when allowed, and http only there. */
class TargetAddressesTest {

    private final TargetAddresses production = new TargetAddresses(false, List.of());
    private final TargetAddresses tests = new TargetAddresses(true, List.of());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://169.254.169.254/latest/meta-data/ | link-local",
            "https://[fd00:ec2::254]/latest/meta-data/ | unique-local",
            "https://10.0.0.8/hook                     | private",
            "https://172.16.4.1/hook                   | private",
            "https://192.168.1.10:8443/hook            | private",
            "https://100.64.0.1/hook                   | shared address space",
            "https://[fe80::1]/hook                    | link-local",
            "https://0.0.0.0/hook                      | unspecified",
            "https://[::ffff:10.1.2.3]/hook            | private",
            "https://127.0.0.1/hook                    | loopback",
            "https://localhost/hook                    | loopback",
            "http://desk.example.com/hook              | must be https",
            "ftp://desk.example.com/hook               | not https",
            "https://user:pw@desk.example.com/hook     | credentials",
            "/hooks/siam                               | absolute https URL",
            "https://0x7f.1/hook                       | host 0x7f.1 is not a valid host name",
            "https://my_desk.example.com/hook          | not a valid host name",
            "https://metadata.google.internal/x        | cloud metadata service",
            "https://METADATA/computeMetadata/v1/      | cloud metadata service",
            "https://instance-data./latest/            | cloud metadata service",
            "https://metadata.goog/x                   | cloud metadata service"})
    void refusesInProduction(String url, String reason) {
        assertThatThrownBy(() -> production.checkUrl(url)).isInstanceOf(TargetAddresses.Refused.class).hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://desk.example.com/hooks/siam", "https://93.184.216.34/hook", "https://[2606:4700::1111]/hook"})
    void acceptsPublicHttps(String url) {
        assertThat(production.checkUrl(url).getScheme()).isEqualTo("https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://localhost:9000/hook", "https://[::1]:9000/hook"})
    void loopbackOnlyWhenAllowed(String url) {
        assertThat(tests.checkUrl(url)).isNotNull();
        assertThatThrownBy(() -> production.checkUrl(url)).isInstanceOf(TargetAddresses.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.8/hook", "http://169.254.169.254/"})
    void httpNeverLeavesLoopbackEvenInTests(String url) {
        assertThatThrownBy(() -> tests.checkUrl(url)).isInstanceOf(TargetAddresses.Refused.class).hasMessageContaining("https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.20.0.1", "10.20.255.254"})
    void anAllowedNetworkIsReachable(String address) throws Exception {
        TargetAddresses allowing = new TargetAddresses(false, List.of("10.20.0.0/16"));
        allowing.checkAddress(InetAddress.getByName(address));
        assertThatThrownBy(() -> allowing.checkAddress(InetAddress.getByName("10.21.0.1"))).isInstanceOf(TargetAddresses.Refused.class);
    }
}
