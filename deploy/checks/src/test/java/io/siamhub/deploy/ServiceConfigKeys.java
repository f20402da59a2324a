package io.siamhub.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys one service really reads at run time, taken from its build
 * ({@code services/<module>/target/quarkus-app}: exactly the jars the service runs with):
 * <ul>
 * <li>every key of every {@code @ConfigMapping} interface on its class path (ours and Quarkus' own config roots),
 * walked as SmallRye Config names them (kebab-case, {@code @WithName}, {@code @WithParentName}, maps as {@code *},
 * {@code @WithUnnamedKey} maps also without a key); Quarkus roots fixed at build time are left out, since a value
 * given at run time would not take effect;</li>
 * <li>every key of the service's {@code application.properties} and of the {@code META-INF/microprofile-config.properties}
 * of siam-hub's own jars (the service-kit's defaults: {@code kafka.bootstrap.servers}, {@code mp.jwt.*}, ...), except
 * {@code quarkus.*} keys, which count only through Quarkus' run-time config roots;</li>
 * <li>{@code kafka.<client setting>}: the Quarkus Kafka extension hands every {@code kafka.*} key (and every
 * {@code KAFKA_*} variable) to every Kafka client, so a Kafka producer or consumer setting of the kafka-clients jar
 * on the class path counts.</li>
 * </ul>
 * An environment variable names a key as SmallRye Config maps it: every character that is not a letter or digit
 * becomes {@code _}, upper case ({@code SIAM_ADAPTERS_AWS_SNS_TOPIC_ARNS} is {@code siam.adapters.aws.sns.topic-arns}).
 */
final class ServiceConfigKeys {

    private static final byte[] CONFIG_MAPPING_DESCRIPTOR = "Lio/smallrye/config/ConfigMapping;".getBytes(StandardCharsets.UTF_8);

    private final String module;
    private final Set<String> keys;
    private final Set<String> kafkaClientSettings;
    private final List<String> keyList;
    private final List<Pattern> variablePatterns;

    private ServiceConfigKeys(String module, Set<String> keys, Set<String> kafkaClientSettings) {
        this.module = module;
        this.keys = keys;
        this.kafkaClientSettings = kafkaClientSettings;
        this.keyList = List.copyOf(keys);
        this.variablePatterns = keyList.stream().map(ServiceConfigKeys::variablePattern).toList();
    }

    /**
     * Reads the keys of {@code services/<module>}; its Quarkus build must exist ({@code ./mvnw package}).
     *
     * @throws IllegalStateException when the build is missing
     */
    static ServiceConfigKeys of(Path root, String module) {
        return CACHE.computeIfAbsent(root.resolve(module), key -> read(root, module));
    }

    private static final Map<Path, ServiceConfigKeys> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static ServiceConfigKeys read(Path root, String module) {
        Path app = root.resolve("services").resolve(module).resolve("target/quarkus-app");
        if (!Files.isDirectory(app.resolve("lib/main"))) {
            throw new IllegalStateException(app + " is missing: build the service first (./mvnw -pl deploy/checks -am verify builds it)");
        }
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> main = Files.list(app.resolve("lib/main")); Stream<Path> own = Files.list(app.resolve("app"))) {
            Stream.concat(own, main).filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> keys = new TreeSet<>();
        Set<String> kafka = new TreeSet<>();
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls(jars), ClassLoader.getPlatformClassLoader())) {
            // Kafka's ConfigDef loads the classes its defaults name through the context class loader
            Thread.currentThread().setContextClassLoader(loader);
            for (Path jar : jars) {
                for (String className : configMappingClasses(jar)) {
                    try {
                        mappingKeys(Class.forName(className, false, loader)).ifPresent(keys::addAll);
                    } catch (LinkageError e) {
                        // a config root of an optional part whose classes this service does not ship: it reads none of it
                    }
                }
            }
            Set<String> fileKeys = new TreeSet<>(propertyKeys(root.resolve("services").resolve(module).resolve("src/main/resources/application.properties")));
            for (Path jar : jars) {
                if (jar.getFileName().toString().startsWith("io.siamhub.")) {
                    fileKeys.addAll(jarPropertyKeys(jar, "META-INF/microprofile-config.properties"));
                }
            }
            // Quarkus' own keys count only through its run-time config roots: a build-time key in a file is no proof
            fileKeys.removeIf(key -> key.startsWith("quarkus."));
            keys.addAll(fileKeys);
            kafka.addAll(kafkaClientSettings(loader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not read the configuration of " + module, e);
        } finally {
            Thread.currentThread().setContextClassLoader(caller);
        }
        return new ServiceConfigKeys(module, keys, kafka);
    }

    /** Every key (with {@code *} for a map's key) the service reads. */
    Set<String> keys() {
        return keys;
    }

    /**
     * The key an environment variable sets, or empty when the service reads no such key.
     *
     * @param variable e.g. {@code QUARKUS_DATASOURCE_REACTIVE_URL}
     */
    Optional<String> keyOf(String variable) {
        for (int i = 0; i < variablePatterns.size(); i++) {
            if (variablePatterns.get(i).matcher(variable).matches()) {
                return Optional.of(keyList.get(i));
            }
        }
        if (variable.startsWith("KAFKA_")) {
            String setting = variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
            if (kafkaClientSettings.contains(setting)) {
                return Optional.of("kafka." + setting);
            }
        }
        return Optional.empty();
    }

    String module() {
        return module;
    }

    private static Pattern variablePattern(String key) {
        StringBuilder regex = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c == '*') {
                regex.append("[A-Z0-9_]+");
            } else if (Character.isLetterOrDigit(c)) {
                regex.append(Character.toUpperCase(c));
            } else {
                regex.append('_');
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return urls;
    }

    /** The classes of a jar whose bytes name {@code @ConfigMapping} (a cheap filter before loading any class). */
    private static List<String> configMappingClasses(Path jar) throws IOException {
        List<String> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.equals("module-info.class")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    if (contains(in.readAllBytes(), CONFIG_MAPPING_DESCRIPTOR)) {
                        classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                    }
                }
            }
        }
        return classes;
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The keys of one {@code @ConfigMapping} interface, or empty when it is not one or is fixed at build time. */
    private static Optional<Set<String>> mappingKeys(Class<?> type) throws ReflectiveOperationException {
        Annotation mapping = annotation(type, "io.smallrye.config.ConfigMapping");
        if (mapping == null || !type.isInterface()) {
            return Optional.empty();
        }
        Annotation root = annotation(type, "io.quarkus.runtime.annotations.ConfigRoot");
        if (root != null) {
            String phase = ((Enum<?>) root.annotationType().getMethod("phase").invoke(root)).name();
            if (!phase.equals("RUN_TIME")) {
                return Optional.empty();
            }
        }
        String prefix = (String) mapping.annotationType().getMethod("prefix").invoke(mapping);
        boolean verbatim = ((Enum<?>) mapping.annotationType().getMethod("namingStrategy").invoke(mapping)).name().equals("VERBATIM");
        Set<String> keys = new TreeSet<>();
        walk(type, prefix, verbatim, keys, new HashSet<>());
        return Optional.of(keys);
    }

    private static void walk(Class<?> group, String prefix, boolean verbatim, Set<String> keys, Set<Class<?>> path)
            throws ReflectiveOperationException {
        if (!path.add(group)) {
            return;
        }
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || Modifier.isStatic(method.getModifiers())
                    || method.getDeclaringClass() == Object.class || method.getReturnType() == void.class) {
                continue;
            }
            Annotation withName = annotation(method, "io.smallrye.config.WithName");
            String name = withName != null ? (String) withName.annotationType().getMethod("value").invoke(withName)
                    : verbatim ? method.getName() : kebab(method.getName());
            String key = annotation(method, "io.smallrye.config.WithParentName") != null ? prefix : join(prefix, name);
            boolean unnamedKey = annotation(method, "io.smallrye.config.WithUnnamedKey") != null;
            value(method.getGenericReturnType(), key, unnamedKey, verbatim, keys, path);
        }
        path.remove(group);
    }

    private static void value(Type type, String key, boolean unnamedKey, boolean verbatim, Set<String> keys, Set<Class<?>> path)
            throws ReflectiveOperationException {
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            value(argument(type, 0), key, unnamedKey, verbatim, keys, path);
        } else if (Map.class.isAssignableFrom(raw)) {
            value(argument(type, 1), join(key, "*"), false, verbatim, keys, path);
            if (unnamedKey) {
                value(argument(type, 1), key, false, verbatim, keys, path);
            }
        } else if (Collection.class.isAssignableFrom(raw) && isGroup(raw(argument(type, 0)))) {
            value(argument(type, 0), key + "[*]", false, verbatim, keys, path);
        } else if (isGroup(raw)) {
            walk(raw, key, verbatim, keys, path);
        } else {
            keys.add(key);
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.") && !type.getName().startsWith("jakarta.")
                && !type.isAnnotation() && java.util.Arrays.stream(type.getMethods()).anyMatch(m -> !m.isDefault()
                && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : String.class;
    }

    private static Annotation annotation(java.lang.reflect.AnnotatedElement element, String name) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(name)) {
                return annotation;
            }
        }
        return null;
    }

    private static String kebab(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Keys of a properties file, profile prefixes ({@code %test.}) removed. */
    static Set<String> propertyKeys(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return keysOf(in);
        }
    }

    private static Set<String> jarPropertyKeys(Path jar, String entry) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry found = file.getJarEntry(entry);
            if (found == null) {
                return Set.of();
            }
            try (InputStream in = file.getInputStream(found)) {
                return keysOf(in);
            }
        }
    }

    private static Set<String> keysOf(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        return keys;
    }

    /** The producer and consumer settings of the kafka-clients jar the service runs with. */
    @SuppressWarnings("unchecked")
    private static Set<String> kafkaClientSettings(ClassLoader loader) throws ReflectiveOperationException {
        Set<String> settings = new TreeSet<>();
        for (String config : List.of("org.apache.kafka.clients.producer.ProducerConfig", "org.apache.kafka.clients.consumer.ConsumerConfig")) {
            settings.addAll((Set<String>) Class.forName(config, true, loader).getMethod("configNames").invoke(null));
        }
        return settings;
    }
}
