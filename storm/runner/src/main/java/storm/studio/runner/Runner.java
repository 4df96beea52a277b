package storm.studio.runner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.storm.Config;
import org.apache.storm.LocalCluster;
import org.apache.storm.flux.FluxBuilder;
import org.apache.storm.flux.model.ExecutionContext;
import org.apache.storm.flux.model.TopologyDef;
import org.apache.storm.flux.parser.FluxParser;
import org.apache.storm.generated.ExecutorSummary;
import org.apache.storm.generated.StormTopology;
import org.apache.storm.generated.TopologyInfo;
import org.apache.storm.generated.TopologyPageInfo;
import org.apache.storm.shade.net.minidev.json.JSONValue;

/**
 * Runs a Storm project's flux.yaml on a LocalCluster in this JVM and writes what Storm measured.
 *
 * <p>Spoken to as a process: the request is one line of JSON on stdin
 * ({"flux": path, "out": path, "seconds": n, "drainSeconds": n, "seed": s|null, "workers": n,
 * "samples": [seconds…] optional: Storm's per-task counters by component at those times after the
 * spouts' start, returned as "samples");
 * the result is one JSON object written to "out" (see {@link Report}); progress goes to stderr as
 * lines starting with "storm-studio: "; Storm's own log goes to the file the system property
 * storm.studio.log names. The topology jar (its resources/ holding the components) must be the
 * first jar on the classpath that has a resources/ folder, and -Dstorm.jar must name it.
 *
 * <p>The cluster is always shut down: at the end, on an error, on SIGINT/SIGTERM (a shutdown
 * hook), and when stdin closes (the caller is gone). Exit status: 0 done, 1 the run failed
 * (the result holds the error), 2 a bad request, 3 stopped by a signal or by the caller leaving.
 */
public final class Runner {
    private static final AtomicReference<LocalCluster> CLUSTER = new AtomicReference<>();
    /** The caller asked to stop (it closed stdin). */
    private static final AtomicBoolean STOPPING = new AtomicBoolean();
    /** The result is written (or the run failed on its own): nothing left to save on exit. */
    private static final AtomicBoolean FINISHED = new AtomicBoolean();
    /** What a JVM exit during the run needs to save Storm's figures so far. */
    private static volatile Path out;
    private static volatile String topologyId;
    private static volatile Object seedOfRun;
    private static volatile long submittedAt;
    private static volatile long runningAt;

    private Runner() {
    }

    static void progress(String message) {
        System.err.println("storm-studio: " + message);
        System.err.flush();
    }

    public static void main(String[] args) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = stdin.readLine();
        Map<?, ?> request;
        try {
            request = (Map<?, ?>) JSONValue.parseWithException(line == null ? "" : line);
        } catch (Exception e) {
            progress("bad request: expected one line of JSON on stdin (" + e + ")");
            System.exit(2);
            return;
        }
        out = Paths.get((String) request.get("out"));
        Runtime.getRuntime().addShutdownHook(new Thread(Runner::onExit, "storm-studio-shutdown"));
        watchCaller(stdin);
        int status;
        Map<String, Object> result;
        try {
            result = run(request);
            status = 0;
        } catch (Throwable t) {
            result = new LinkedHashMap<>();
            result.put("error", describe(t));
            status = 1;
        }
        if (!STOPPING.get() && FINISHED.compareAndSet(false, true)) {
            Files.writeString(out, JSONValue.toJSONString(result), StandardCharsets.UTF_8);
        }
        shutDown();
        progress("done");
        // Storm leaves non-daemon threads behind after close(), as LocalCluster.main knows.
        System.exit(STOPPING.get() ? 3 : status);
    }

    /** Ends the run when the caller goes away (stdin closes), so no JVM outlives it. */
    private static void watchCaller(BufferedReader stdin) {
        Thread t = new Thread(() -> {
            try {
                while (stdin.readLine() != null) {
                    // Nothing is sent after the request; only the end of the stream matters.
                }
            } catch (Exception e) {
                // Treat a broken stdin as the caller leaving.
            }
            progress("the caller closed stdin: stopping");
            STOPPING.set(true);
            System.exit(3);
        }, "storm-studio-caller");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The JVM is exiting. When neither the run nor the caller ended it, Storm did: in local mode a
     * worker that dies (Utils.exitProcess, e.g. after a shell component crashed) exits the whole JVM,
     * where a cluster's supervisor would restart the worker. Storm's figures so far are saved first.
     */
    private static void onExit() {
        LocalCluster cluster = CLUSTER.get();
        if (cluster != null && topologyId != null && !STOPPING.get() && FINISHED.compareAndSet(false, true)) {
            progress("Storm is exiting the JVM before the end of the run (a worker died): saving its figures so far");
            try {
                long now = System.currentTimeMillis();
                // A component may crash on its first tuple, before every executor has reported.
                long started = runningAt > 0 ? runningAt : submittedAt;
                Map<String, Object> result = collect(cluster, topologyId, seedOfRun, submittedAt, started, now);
                result.put("ended", "Storm exited the LocalCluster's JVM " + String.format("%.1f", (now - started) / 1000.0)
                    + " s into the run: a worker died (in local mode a dying worker takes the whole JVM with it, where a cluster's supervisor restarts it). "
                    + "The figures are those Storm had then; the components' errors and logs say why.");
                Files.writeString(out, JSONValue.toJSONString(result), StandardCharsets.UTF_8);
            } catch (Throwable t) {
                progress("could not read Storm's figures: " + t);
            }
        }
        shutDown();
    }

    /** Closes the LocalCluster once (it kills the topology's workers and their shell processes). */
    static void shutDown() {
        LocalCluster cluster = CLUSTER.getAndSet(null);
        if (cluster == null) {
            return;
        }
        Thread guard = new Thread(() -> {
            try {
                Thread.sleep(30_000);
                progress("the LocalCluster did not shut down within 30 s: halting the JVM");
                Runtime.getRuntime().halt(4);
            } catch (InterruptedException e) {
                // closed in time
            }
        }, "storm-studio-halt");
        guard.setDaemon(true);
        guard.start();
        try {
            progress("shutting the LocalCluster down");
            cluster.close();
        } catch (Throwable t) {
            progress("closing the LocalCluster failed: " + t);
        } finally {
            guard.interrupt();
        }
    }

    private static Map<String, Object> run(Map<?, ?> request) throws Exception {
        String flux = (String) request.get("flux");
        double seconds = ((Number) request.get("seconds")).doubleValue();
        double drainSeconds = request.get("drainSeconds") == null ? 10 : ((Number) request.get("drainSeconds")).doubleValue();
        Object seed = request.get("seed");

        TopologyDef def = FluxParser.parseFile(flux, false, true, null, false);
        Config conf = FluxBuilder.buildConfig(def);
        StormTopology topology = FluxBuilder.buildTopology(new ExecutionContext(def, conf));
        String name = def.getName();
        // Exact counts instead of Storm UI's 5 % sample, and the hooks that collect the logs and the per-task counters.
        conf.put(Config.TOPOLOGY_STATS_SAMPLE_RATE, 1.0);
        conf.put(Config.TOPOLOGY_MULTILANG_LOG_HANDLER, StudioShellLogHandler.class.getName());
        List<Map<String, Object>> reporters = new ArrayList<>();
        reporters.add(Map.of("class", StudioMetricsReporter.class.getName()));
        conf.put(Config.TOPOLOGY_METRICS_REPORTERS, reporters);
        if (seed != null) {
            conf.put("storm.studio.seed", seed);
        }
        int workers = conf.get(Config.TOPOLOGY_WORKERS) instanceof Number n ? n.intValue() : 1;

        progress("starting a LocalCluster (Apache Storm " + org.apache.storm.utils.VersionInfo.getVersion() + ")");
        LocalCluster cluster = new LocalCluster.Builder()
            // As on a cluster (and `new LocalCluster()`): the builder's default turns message timeouts off.
            .withDaemonConf(Config.TOPOLOGY_ENABLE_MESSAGE_TIMEOUTS, true)
            // Executor statistics reach Nimbus every second instead of every minute.
            .withDaemonConf("executor.metrics.frequency.secs", 1)
            // Workers in this JVM stop at once; the default waits 3 s for worker processes that are not there.
            .withDaemonConf("supervisor.worker.shutdown.sleep.secs", 0)
            .withSupervisors(1)
            .withPortsPerSupervisor(Math.max(4, workers))
            .build();
        CLUSTER.set(cluster);
        if (STOPPING.get()) {
            throw new IllegalStateException("stopped before the topology was submitted");
        }
        long submitted = System.currentTimeMillis();
        progress("submitting " + name);
        cluster.submitTopology(name, conf, topology);
        String id = cluster.getTopologySummaryByName(name).get_id();
        seedOfRun = seed;
        submittedAt = submitted;
        topologyId = id;

        java.util.Set<String> shell = new java.util.HashSet<>();
        def.getSpouts().forEach(sd -> {
            if (sd.getClassName().startsWith("org.apache.storm.flux.wrappers.")) {
                shell.add(sd.getId());
            }
        });
        def.getBolts().forEach(bd -> {
            if (bd.getClassName().startsWith("org.apache.storm.flux.wrappers.")) {
                shell.add(bd.getId());
            }
        });
        long running = waitForExecutors(cluster, id, shell, 180_000);
        runningAt = running;
        progress(String.format("running for %.1f s", seconds));
        List<Map<String, Object>> samples = new ArrayList<>();
        if (request.get("samples") instanceof List<?> at) {
            // Storm's per-task counters (live in this JVM, unlike the statistics Nimbus gets every second) at the times asked for.
            Map<Integer, String> componentOfTask = componentOfTask(cluster.getTopologyInfo(id));
            for (Object s : at) {
                long due = running + Math.round(((Number) s).doubleValue() * 1000);
                long wait = Math.min(due, running + Math.round(seconds * 1000)) - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                samples.add(sample(componentOfTask));
            }
        }
        long left = running + Math.round(seconds * 1000) - System.currentTimeMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
        long deactivated = System.currentTimeMillis();
        cluster.deactivate(name);
        progress("spouts deactivated: letting the tuples in flight finish");
        drain(cluster, id, Math.round(drainSeconds * 1000));

        Map<String, Object> result = collect(cluster, id, seed, submitted, running, deactivated);
        if (!samples.isEmpty()) {
            result.put("samples", samples);
        }
        progress("read the figures of " + ((List<?>) result.get("executors")).size() + " executors");
        return result;
    }

    /** Storm's figures of the run now, with the times of its steps. */
    private static Map<String, Object> collect(LocalCluster cluster, String id, Object seed, long submitted, long running, long deactivated) throws Exception {
        TopologyInfo info = cluster.getTopologyInfo(id);
        // LocalCluster.getTopologyPageInfo throws "NOT IMPLEMENTED YET"; its Nimbus answers as Storm UI asks it.
        TopologyPageInfo page = cluster.getNimbus().getTopologyPageInfo(id, ":all-time", false);
        long read = System.currentTimeMillis();
        Map<String, Object> result = Report.build(info, page, StudioShellLogHandler.lines(), StudioShellLogHandler.dropped());
        result.put("storm", org.apache.storm.utils.VersionInfo.getVersion());
        result.put("times", Map.of("submitted", submitted, "running", running, "deactivated", deactivated, "read", read));
        result.put("seed", seed);
        return result;
    }

    private static Map<Integer, String> componentOfTask(TopologyInfo info) {
        Map<Integer, String> out = new java.util.TreeMap<>();
        for (ExecutorSummary e : info.get_executors()) {
            for (int t = e.get_executor_info().get_task_start(); t <= e.get_executor_info().get_task_end(); t++) {
                out.put(t, e.get_component_id());
            }
        }
        return out;
    }

    /** {"time": ms, "components": {component: {counter: sum over its tasks}}} from Storm's per-task counters now. */
    private static Map<String, Object> sample(Map<Integer, String> componentOfTask) {
        Map<String, Map<String, Long>> components = new java.util.TreeMap<>();
        for (Map.Entry<Integer, String> t : componentOfTask.entrySet()) {
            Map<String, Long> sums = components.computeIfAbsent(t.getValue(), c -> new java.util.TreeMap<>());
            StudioMetricsReporter.taskCounters(t.getKey()).forEach((name, n) -> sums.merge(name, n, Long::sum));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", System.currentTimeMillis());
        out.put("components", components);
        return out;
    }

    /**
     * Waits until every executor has sent statistics and every task of a shell component has its
     * process started (on a loaded machine starting them takes seconds); returns that time.
     */
    private static long waitForExecutors(LocalCluster cluster, String id, java.util.Set<String> shellComponents, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            TopologyInfo info = cluster.getTopologyInfo(id);
            List<ExecutorSummary> executors = info.get_executors();
            if (executors != null && !executors.isEmpty() && executors.stream().allMatch(ExecutorSummary::is_set_stats)) {
                int shellTasks = 0;
                for (ExecutorSummary e : executors) {
                    if (shellComponents.contains(e.get_component_id())) {
                        shellTasks += e.get_executor_info().get_task_end() - e.get_executor_info().get_task_start() + 1;
                    }
                }
                if (StudioShellLogHandler.started() >= shellTasks) {
                    return System.currentTimeMillis();
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the topology's executors and shell components did not all start within " + timeoutMs / 1000 + " s (Storm's log says why)");
    }

    /** After deactivation: until the counts stop changing for two readings a second apart, at most maxMs. */
    private static void drain(LocalCluster cluster, String id, long maxMs) throws Exception {
        long deadline = System.currentTimeMillis() + maxMs;
        String last = null;
        int stable = 0;
        Thread.sleep(Math.min(1500, maxMs));
        while (System.currentTimeMillis() < deadline) {
            String now = Report.fingerprint(cluster.getTopologyInfo(id));
            stable = now.equals(last) ? stable + 1 : 0;
            if (stable >= 2) {
                return;
            }
            last = now;
            Thread.sleep(1000);
        }
    }

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (sb.length() > 0) {
                sb.append("\ncaused by: ");
            }
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage());
        }
        return sb.toString();
    }
}
