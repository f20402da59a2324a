package io.siamhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resident memory and CPU time of the stack's processes, read from {@code /proc}: each service, the
 * Kafka broker, and PostgreSQL (all its processes together, found by their data folder).
 */
final class Processes {

    private static final long CLOCK_TICKS = 100; // USER_HZ on Linux

    /** A process group of the stack: a name and how to find its pids now. */
    record Watched(String name, java.util.function.Supplier<List<Long>> pids) {
    }

    private final List<Watched> watched;

    Processes(List<Watched> watched) {
        this.watched = watched;
    }

    /** Resident memory in MiB, per name. */
    Map<String, Double> rssMiB() {
        Map<String, Double> rss = new LinkedHashMap<>();
        for (Watched one : watched) {
            long kib = 0;
            for (long pid : one.pids().get()) {
                kib += statusField(pid, "VmRSS:");
            }
            rss.put(one.name(), kib / 1024.0);
        }
        return rss;
    }

    /** CPU seconds (user + system) used so far, per name. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (Watched one : watched) {
            long ticks = 0;
            for (long pid : one.pids().get()) {
                ticks += cpuTicks(pid);
            }
            cpu.put(one.name(), ticks / (double) CLOCK_TICKS);
        }
        return cpu;
    }

    /** The pids whose command line contains {@code marker}. */
    static List<Long> withCommandLine(String marker) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String commandLine = new String(Files.readAllBytes(entry.resolve("cmdline"))).replace('\0', ' ');
                    if (commandLine.contains(marker)) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException gone) {
            // ended
        }
        return 0;
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException gone) {
            return 0;
        }
    }
}
