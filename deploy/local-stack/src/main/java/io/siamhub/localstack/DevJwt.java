package io.siamhub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Development JWTs: an RSA key pair (PEM files, kept in the stack's secrets folder so tokens and
 * clients survive a restart), and RS256 tokens signed with it,
 * carrying the siam roles in the {@code groups} claim. The services verify them with the public key
 * ({@code mp.jwt.verify.publickey.location}). Never used in production: production tokens come from
 * the organisation's identity provider.
 */
public final class DevJwt {

    public static final String ISSUER = "siam-hub";
    /** System property that tells tests where the private key of this JVM's stack lies. */
    public static final String PRIVATE_KEY_PROPERTY = "siam.dev.jwt.private-key";

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** The roles of siam-hub ({@code io.siamhub.kit.security.Roles}); {@code ./hub token} refuses others. */
    public static final List<String> ROLES = List.of("siam-viewer", "siam-agent", "siam-change-manager", "siam-admin");

    /** The key pair kept in {@code dir}, made on first use; returns the public key's file. */
    public static Path keyPair(Path dir) {
        Path publicKey = dir.resolve("public.pem");
        if (Files.isRegularFile(publicKey) && Files.isRegularFile(dir.resolve("private.pem"))) {
            return publicKey;
        }
        Path written = writeKeyPair(dir);
        Folders.ownerOnly(dir.resolve("private.pem"));
        return written;
    }

    /** Writes a new key pair as {@code private.pem} and {@code public.pem} into {@code dir}. */
    public static Path writeKeyPair(Path dir) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(dir.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return dir.resolve("public.pem");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token signed with the private key in {@code privateKeyPem}. */
    public static String token(Path privateKeyPem, String user, List<String> roles, Duration ttl) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String groups = roles.stream().map(role -> "\"" + role + "\"").collect(Collectors.joining(","));
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + user + "\",\"upn\":\"" + user + "\",\"groups\":["
                + groups + "],\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(ttl).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(readPrivateKey(privateKeyPem));
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests: a one-hour token for user {@code tester} from the key of this JVM's local stack. */
    public static String forTests(String... roles) {
        return forTestsAs("tester", roles);
    }

    /** For tests: a one-hour token for {@code user} (the name timelines show) from the key of this JVM's local stack. */
    public static String forTestsAs(String user, String... roles) {
        String key = System.getProperty(PRIVATE_KEY_PROPERTY);
        if (key == null) {
            throw new IllegalStateException("no local stack in this JVM: use @QuarkusTestResource(LocalStackResource.class)");
        }
        return token(Path.of(key), user, List.of(roles), Duration.ofHours(1));
    }

    /**
     * {@code ./hub token [--role R ...] [--group G ...] [--user U] [--ttl 8h]}: prints a token signed by the
     * stack's dev key ({@code siam.secrets.dir}/jwt). {@code --group} adds a group that is not a siam role to the
     * {@code groups} claim (the change coordinator's CAB group, {@code siam.change.approvals.group}, e.g.
     * {@code cab-senior}). An unknown role or option, or a TTL that is not a duration, is refused with what to
     * give instead.
     */
    public static void main(String[] args) {
        Path key = Path.of(System.getProperty("siam.secrets.dir", "target/hub/secrets"), "jwt", "private.pem");
        List<String> roles = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        String user = "dev";
        Duration ttl = Duration.ofHours(8);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--role" -> roles.add(role(required(value, "--role")));
                case "--group" -> groups.add(group(required(value, "--group")));
                case "--user" -> user = required(value, "--user");
                case "--ttl" -> ttl = ttl(required(value, "--ttl"));
                default -> fail("unknown option " + args[i] + "; usage: ./hub token [--role R ...] [--group G ...] [--user U] [--ttl 8h]");
            }
            i++;
        }
        if (!Files.exists(key)) {
            fail("no dev key at " + key + ": start the stack once with ./hub up (it makes the key and keeps it)");
        }
        if (roles.isEmpty()) {
            roles = new ArrayList<>(ROLES);
        }
        roles.addAll(groups);
        System.out.println(token(key, user, roles, ttl));
    }

    private static String role(String role) {
        if (!ROLES.contains(role)) {
            fail("unknown role " + role + "; the roles are " + String.join(", ", ROLES));
        }
        return role;
    }

    /**
     * A further group for the {@code groups} claim: a name of letters, digits, {@code -}, {@code _} and {@code .};
     * a siam role is refused (give it with {@code --role}).
     */
    static String group(String group) {
        String name = group.strip();
        if (ROLES.contains(name)) {
            fail(name + " is a role: give it with --role");
        }
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            fail("--group " + group + " is not a group name (letters, digits, '.', '_' and '-'; e.g. cab-senior)");
        }
        return name;
    }

    /** {@code 8h}, {@code 30m}, {@code 90s}, {@code 2d}: a token lifetime. */
    static Duration ttl(String value) {
        String text = value.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            Duration ttl = text.endsWith("d") ? Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)))
                    : Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
            if (ttl.isNegative() || ttl.isZero()) {
                fail("--ttl must be positive");
            }
            return ttl;
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            fail("--ttl " + value + " is not a duration; give it as 8h, 30m, 90s or 2d");
            return null;
        }
    }

    private static String required(String value, String option) {
        if (value == null) {
            fail(option + " needs a value");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("siam-hub: " + message);
        System.exit(2);
    }

    private static PrivateKey readPrivateKey(Path pem) throws GeneralSecurityException {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private DevJwt() {
    }
}
