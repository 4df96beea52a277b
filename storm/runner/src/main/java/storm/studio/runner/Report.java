package storm.studio.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.storm.generated.BoltAggregateStats;
import org.apache.storm.generated.BoltStats;
import org.apache.storm.generated.CommonAggregateStats;
import org.apache.storm.generated.ComponentAggregateStats;
import org.apache.storm.generated.ErrorInfo;
import org.apache.storm.generated.ExecutorInfo;
import org.apache.storm.generated.ExecutorSpecificStats;
import org.apache.storm.generated.ExecutorStats;
import org.apache.storm.generated.ExecutorSummary;
import org.apache.storm.generated.GlobalStreamId;
import org.apache.storm.generated.SpoutStats;
import org.apache.storm.generated.TopologyInfo;
import org.apache.storm.generated.TopologyPageInfo;
import org.apache.storm.generated.TopologyStats;
import org.apache.storm.stats.StatsUtil;

/**
 * What Storm measured, as JSON-ready maps in Storm's own terms (Storm Studio maps them to the
 * simulator's report): the executors with their statistics per window and stream, Storm UI's
 * component aggregates and topology statistics, each executor's capacity as Storm UI computes it,
 * Storm's per-task counters, the components' errors and log lines.
 */
final class Report {
    private Report() {
    }

    static Map<String, Object> build(TopologyInfo info, TopologyPageInfo page, List<StudioShellLogHandler.Line> lines, int droppedLines) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", info.get_id());
        out.put("name", info.get_name());
        out.put("uptimeSecs", info.get_uptime_secs());
        out.put("workers", page.get_num_workers());
        List<Object> executors = new ArrayList<>();
        for (ExecutorSummary e : info.get_executors()) {
            executors.add(executor(e));
        }
        out.put("executors", executors);
        Map<String, Object> components = new TreeMap<>();
        if (page.get_id_to_spout_agg_stats() != null) {
            page.get_id_to_spout_agg_stats().forEach((id, s) -> components.put(id, component("spout", s)));
        }
        if (page.get_id_to_bolt_agg_stats() != null) {
            page.get_id_to_bolt_agg_stats().forEach((id, s) -> components.put(id, component("bolt", s)));
        }
        out.put("components", components);
        out.put("topologyStats", topologyStats(page.get_topology_stats()));
        Map<String, Object> errors = new TreeMap<>();
        if (info.get_errors() != null) {
            info.get_errors().forEach((component, list) -> {
                List<Object> items = new ArrayList<>();
                for (ErrorInfo e : list) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("timeSecs", e.get_error_time_secs());
                    m.put("error", e.get_error());
                    m.put("host", e.get_host());
                    m.put("port", e.get_port());
                    items.add(m);
                }
                if (!items.isEmpty()) {
                    errors.put(component, items);
                }
            });
        }
        out.put("errors", errors);
        Map<String, Object> tasks = new TreeMap<>();
        for (ExecutorSummary e : info.get_executors()) {
            ExecutorInfo ei = e.get_executor_info();
            for (int t = ei.get_task_start(); t <= ei.get_task_end(); t++) {
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("component", e.get_component_id());
                task.put("counters", StudioMetricsReporter.taskCounters(t));
                tasks.put(String.valueOf(t), task);
            }
        }
        out.put("tasks", tasks);
        List<Object> logs = new ArrayList<>();
        for (StudioShellLogHandler.Line l : lines) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timeMs", l.timeMs());
            m.put("component", l.component());
            m.put("task", l.task());
            m.put("level", l.level());
            m.put("message", l.message());
            logs.add(m);
        }
        out.put("logs", logs);
        out.put("droppedLogLines", droppedLines);
        return out;
    }

    private static Map<String, Object> executor(ExecutorSummary e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("component", e.get_component_id());
        m.put("taskStart", e.get_executor_info().get_task_start());
        m.put("taskEnd", e.get_executor_info().get_task_end());
        m.put("host", e.get_host());
        m.put("port", e.get_port());
        m.put("uptimeSecs", e.get_uptime_secs());
        boolean bolt = e.is_set_stats() && e.get_stats().get_specific() != null && e.get_stats().get_specific().is_set_bolt();
        m.put("capacity", bolt ? finite(StatsUtil.computeExecutorCapacity(e)) : null);
        ExecutorStats s = e.get_stats();
        if (s == null) {
            m.put("stats", null);
            return m;
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("emitted", s.get_emitted());
        stats.put("transferred", s.get_transferred());
        ExecutorSpecificStats specific = s.get_specific();
        if (specific != null && specific.is_set_bolt()) {
            BoltStats b = specific.get_bolt();
            stats.put("kind", "bolt");
            stats.put("acked", byStream(b.get_acked()));
            stats.put("failed", byStream(b.get_failed()));
            stats.put("executed", byStream(b.get_executed()));
            stats.put("executeMsAvg", byStream(b.get_execute_ms_avg()));
            stats.put("processMsAvg", byStream(b.get_process_ms_avg()));
        } else if (specific != null && specific.is_set_spout()) {
            SpoutStats sp = specific.get_spout();
            stats.put("kind", "spout");
            stats.put("acked", sp.get_acked());
            stats.put("failed", sp.get_failed());
            stats.put("completeMsAvg", finiteValues(sp.get_complete_ms_avg()));
        }
        m.put("stats", stats);
        return m;
    }

    /** {window → {GlobalStreamId → n}} with the stream ids written "component:stream". */
    private static <N extends Number> Map<String, Map<String, Object>> byStream(Map<String, Map<GlobalStreamId, N>> byWindow) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        if (byWindow == null) {
            return out;
        }
        byWindow.forEach((window, streams) -> {
            Map<String, Object> m = new TreeMap<>();
            streams.forEach((sid, n) -> m.put(sid.get_componentId() + ":" + sid.get_streamId(), finite(n)));
            out.put(window, m);
        });
        return out;
    }

    private static Map<String, Map<String, Object>> finiteValues(Map<String, Map<String, Double>> byWindow) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        if (byWindow != null) {
            byWindow.forEach((window, streams) -> {
                Map<String, Object> m = new TreeMap<>();
                streams.forEach((stream, n) -> m.put(stream, finite(n)));
                out.put(window, m);
            });
        }
        return out;
    }

    private static Map<String, Object> component(String kind, ComponentAggregateStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        CommonAggregateStats c = s.get_common_stats();
        if (c != null) {
            m.put("executors", c.get_num_executors());
            m.put("tasks", c.get_num_tasks());
            m.put("emitted", c.get_emitted());
            m.put("transferred", c.get_transferred());
            m.put("acked", c.get_acked());
            m.put("failed", c.get_failed());
        }
        if (s.get_specific_stats() != null && s.get_specific_stats().is_set_bolt()) {
            BoltAggregateStats b = s.get_specific_stats().get_bolt();
            m.put("executed", b.get_executed());
            m.put("executeLatencyMs", b.is_set_execute_latency_ms() ? finite(b.get_execute_latency_ms()) : null);
            m.put("processLatencyMs", b.is_set_process_latency_ms() ? finite(b.get_process_latency_ms()) : null);
            m.put("capacity", b.is_set_capacity() ? finite(b.get_capacity()) : null);
        } else if (s.get_specific_stats() != null && s.get_specific_stats().is_set_spout()) {
            var sp = s.get_specific_stats().get_spout();
            m.put("completeLatencyMs", sp.is_set_complete_latency_ms() ? finite(sp.get_complete_latency_ms()) : null);
        }
        m.put("lastError", s.get_last_error() == null ? null : s.get_last_error().get_error());
        return m;
    }

    private static Map<String, Object> topologyStats(TopologyStats t) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (t == null) {
            return m;
        }
        m.put("emitted", t.get_window_to_emitted());
        m.put("transferred", t.get_window_to_transferred());
        m.put("acked", t.get_window_to_acked());
        m.put("failed", t.get_window_to_failed());
        Map<String, Object> latency = new TreeMap<>();
        if (t.get_window_to_complete_latencies_ms() != null) {
            t.get_window_to_complete_latencies_ms().forEach((w, v) -> latency.put(w, finite(v)));
        }
        m.put("completeLatencyMs", latency);
        return m;
    }

    /** JSON has no NaN or infinity: they become null. */
    private static Object finite(Number n) {
        if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return null;
        }
        return n;
    }

    /** A string that changes whenever any executor's all-time counts change (to see when a run has drained). */
    static String fingerprint(TopologyInfo info) {
        StringBuilder sb = new StringBuilder();
        for (ExecutorSummary e : info.get_executors()) {
            ExecutorStats s = e.get_stats();
            sb.append(e.get_component_id()).append(e.get_executor_info().get_task_start()).append('|');
            if (s != null) {
                sb.append(s.get_emitted().get(":all-time")).append(s.get_transferred().get(":all-time"));
                ExecutorSpecificStats sp = s.get_specific();
                if (sp != null && sp.is_set_bolt()) {
                    sb.append(sp.get_bolt().get_executed().get(":all-time")).append(sp.get_bolt().get_acked().get(":all-time"));
                } else if (sp != null && sp.is_set_spout()) {
                    sb.append(sp.get_spout().get_acked().get(":all-time")).append(sp.get_spout().get_failed().get(":all-time"));
                }
            }
            sb.append(';');
        }
        return sb.toString();
    }
}
