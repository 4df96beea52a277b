package storm.studio.runner;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.storm.metrics2.MetricRegistryProvider;
import org.apache.storm.metrics2.StormMetricRegistry;
import org.apache.storm.metrics2.reporters.StormReporter;

/**
 * A metrics reporter (topology.metrics.reporters) that reports nothing: it keeps each worker's
 * metric registry so the runner can read Storm's own per-task counters (TaskMetrics:
 * `__emit-count-<stream>`, `__execute-count-<component>:<stream>`, `__ack-count-…`, …) at the end
 * of a run. Storm UI shows executors, not tasks; these counters are how Storm counts per task.
 */
public class StudioMetricsReporter implements StormReporter {
    private static final List<StormMetricRegistry> REGISTRIES = new CopyOnWriteArrayList<>();

    @Override
    public void prepare(MetricRegistryProvider provider, Map<String, Object> topoConf, Map<String, Object> reporterConf) {
        if (provider instanceof StormMetricRegistry registry) {
            REGISTRIES.add(registry);
        }
    }

    @Override
    @Deprecated
    public void prepare(MetricRegistry metricsRegistry, Map<String, Object> topoConf, Map<String, Object> reporterConf) {
        // Storm calls the provider form; this one has no task mapping to keep.
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public void close() {
    }

    /** The counters of a task over every worker's registry, by Storm's metric name. */
    static Map<String, Long> taskCounters(int taskId) {
        Map<String, Long> out = new TreeMap<>();
        for (StormMetricRegistry registry : REGISTRIES) {
            for (Map.Entry<String, Counter> e : registry.getTaskCounters(taskId).entrySet()) {
                out.merge(e.getKey(), e.getValue().getCount(), Long::sum);
            }
        }
        return out;
    }
}
