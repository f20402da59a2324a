package io.siamhub.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The manifests {@code helm template} printed, as typed Kubernetes objects (the fabric8 model). Strict: the model
 * keeps a field it does not know (a typo, a field at the wrong level, a value of the wrong type) in
 * {@code additionalProperties}; any such field anywhere in a manifest is refused, naming its path.
 * Custom resources (Strimzi's KafkaTopic, the Prometheus Operator's ServiceMonitor) come back as
 * {@link GenericKubernetesResource}s and are checked field by field by the tests.
 */
final class RenderedManifests {

    /** Kinds that are not in the Kubernetes model; every other kind must parse into its typed class. */
    static final Set<String> CUSTOM_KINDS = Set.of("KafkaTopic", "ServiceMonitor");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private RenderedManifests(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /**
     * Parses helm's output (YAML documents separated by {@code ---}).
     *
     * @throws IllegalArgumentException naming the document and the path of an unknown field, or a kind without a type
     */
    static RenderedManifests parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            KubernetesResource resource = SERIALIZATION.unmarshal(document, KubernetesResource.class);
            if (!(resource instanceof HasMetadata object)) {
                throw new IllegalArgumentException("not a Kubernetes object: " + document);
            }
            String name = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource && !CUSTOM_KINDS.contains(object.getKind())) {
                throw new IllegalArgumentException(name + ": " + object.getApiVersion() + " " + object.getKind()
                        + " is not a kind of the Kubernetes model (wrong apiVersion or kind?)");
            }
            if (!(object instanceof GenericKubernetesResource)) {
                List<String> unknown = new ArrayList<>();
                unknownFields(object, object.getKind(), unknown, new IdentityHashMap<>());
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException(name + " has fields the Kubernetes model does not know: " + unknown);
                }
            }
            objects.add(object);
        }
        return new RenderedManifests(objects);
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> of(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return objects.stream().filter(o -> o instanceof GenericKubernetesResource && o.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, Predicate<String> name) {
        return of(type).stream().filter(o -> name.test(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " with such a name"));
    }

    /** Walks every getter of the model's objects and collects non-empty {@code additionalProperties}. */
    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method method : value.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class
                    || !(method.getName().startsWith("get")) || method.getReturnType().isPrimitive()) {
                continue;
            }
            Object child;
            try {
                child = method.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            String field = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
            if (field.equals("additionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                unknownFields(child, path + "." + field, unknown, seen);
            }
        }
    }
}
