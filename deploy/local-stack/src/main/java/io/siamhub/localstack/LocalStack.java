package io.siamhub.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./hub up}: starts the whole stack, prints where everything is, and runs until Ctrl-C or
 * SIGTERM, which stop everything it started.
 */
public final class LocalStack {

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(System.getProperty("siam.hub.root", ".")).toAbsolutePath().normalize();
        long started = System.nanoTime();
        HubStack stack;
        try {
            stack = HubStack.start(root, System.getenv());
        } catch (HubStack.PortTakenException e) {
            System.err.println("siam-hub: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("siam-hub did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nsiam-hub: stopping...");
            stack.close();
            System.out.println("siam-hub: stopped; logs are in " + root.relativize(root.resolve("target/hub/logs")));
            stopped.countDown();
        }, "hub-stop"));
        Path envFile = stack.writeEnvFile();
        System.out.println(StackTable.render(stack, root, envFile, (System.nanoTime() - started) / 1_000_000));
        stopped.await(Long.MAX_VALUE, TimeUnit.DAYS);
    }

    private LocalStack() {
    }
}
