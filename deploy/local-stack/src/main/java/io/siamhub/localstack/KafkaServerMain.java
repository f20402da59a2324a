package io.siamhub.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.Uuid;

import kafka.tools.StorageTool;

/**
 * Main of the broker's child JVM: formats the KRaft storage on first start, then runs Kafka's own
 * {@code kafka.Kafka}. It exits when its parent goes away (stdin reaches end of file), so a killed
 * test JVM or {@code ./hub up} never leaves a broker behind.
 */
public final class KafkaServerMain {

    public static void main(String[] args) throws Exception {
        String properties = args[0];
        Path logDir = Path.of(args[1]);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            String clusterId = Uuid.randomUuid().toString();
            int code = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", properties}, System.out);
            if (code != 0) {
                System.exit(code);
            }
        }
        exitWhenParentIsGone();
        kafka.Kafka.main(new String[] {properties});
    }

    private static void exitWhenParentIsGone() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; we only wait for the pipe to close
                }
            } catch (Exception ignored) {
                // a broken pipe means the same as end of file
            }
            System.exit(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private KafkaServerMain() {
    }
}
