package io.siamhub.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./hub up}: starts the whole stack, says what it is doing, prints where everything is, and
 * runs until Ctrl-C or SIGTERM, which stop everything it started.
 */
public final class LocalStack {

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0) {
            System.err.println("siam-hub: ./hub up takes no arguments (" + String.join(" ", args) + "); it is set up with environment "
                    + "variables: ./hub help lists them");
            System.exit(2);
        }
        Path root = Path.of(System.getProperty("siam.hub.root", ".")).toAbsolutePath().normalize();
        long started = System.nanoTime();
        HubStack stack;
        try {
            stack = HubStack.start(root, System.getenv(), java.util.Map.of(),
                    step -> System.out.printf("siam-hub: %s (%.1f s)%n", step, (System.nanoTime() - started) / 1e9));
        } catch (HubStack.PortTakenException | RunLock.AlreadyRunningException e) {
            System.err.println("siam-hub: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("siam-hub did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.printf("siam-hub: %s (%.1f s)%n", new WarmUp().run(stack), (System.nanoTime() - started) / 1e9);
        CountDownLatch stopped = new CountDownLatch(1);
        Path logs = stack.service(HubService.PROVIDER_ADAPTERS).log().getParent();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nsiam-hub: stopping...");
            stack.close();
            System.out.println("siam-hub: stopped; logs are in " + StackTable.shown(logs));
            stopped.countDown();
        }, "hub-stop"));
        Path envFile = stack.writeEnvFile();
        System.out.println(StackTable.render(stack, root, envFile, (System.nanoTime() - started) / 1_000_000));
        stopped.await(Long.MAX_VALUE, TimeUnit.DAYS);
    }

    private LocalStack() {
    }
}
