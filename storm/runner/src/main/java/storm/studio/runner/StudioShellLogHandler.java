package storm.studio.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.storm.multilang.ShellMsg;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.utils.DefaultShellLogHandler;
import org.apache.storm.utils.ShellLogHandler;
import org.apache.storm.utils.ShellProcess;

/**
 * Storm's handler of the `log` messages of shell components (topology.multilang.log.handler):
 * logs them as Storm's default handler does, and keeps each line with its component, task and
 * level for the run's report. Everything runs in the runner's JVM (a LocalCluster), so the lines
 * are collected in memory: the newest {@link #MAX_LINES} are kept.
 */
public class StudioShellLogHandler implements ShellLogHandler {
    /** One line a component logged, when Storm received it. */
    public record Line(long timeMs, String component, int task, String level, String message) {
    }

    static final int MAX_LINES = 20_000;
    private static final ConcurrentLinkedQueue<Line> LINES = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final AtomicInteger DROPPED = new AtomicInteger();
    private static final java.util.Set<Integer> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final DefaultShellLogHandler delegate = new DefaultShellLogHandler();
    private String component = "";
    private int task = -1;

    @Override
    public void setUpContext(Class<?> ownerCls, ShellProcess process, TopologyContext context) {
        delegate.setUpContext(ownerCls, process, context);
        if (context != null) {
            component = context.getThisComponentId();
            task = context.getThisTaskId();
            // Storm sets the handler up right after the shell process answered the handshake.
            STARTED.add(task);
        }
    }

    @Override
    public void log(ShellMsg msg) {
        delegate.log(msg);
        add(new Line(System.currentTimeMillis(), component, task, level(msg.getLogLevel()), String.valueOf(msg.getMsg())));
    }

    /** The levels of Storm Studio's log (Python's names): trace and debug are DEBUG. */
    static String level(ShellMsg.ShellLogLevel level) {
        return switch (level) {
            case TRACE, DEBUG -> "DEBUG";
            case WARN -> "WARNING";
            case ERROR -> "ERROR";
            default -> "INFO";
        };
    }

    static void add(Line line) {
        LINES.add(line);
        if (COUNT.incrementAndGet() > MAX_LINES && LINES.poll() != null) {
            COUNT.decrementAndGet();
            DROPPED.incrementAndGet();
        }
    }

    /** The lines kept so far, oldest first. */
    static List<Line> lines() {
        return new ArrayList<>(LINES);
    }

    /** Tasks whose shell process has started (answered Storm's handshake). */
    static int started() {
        return STARTED.size();
    }

    /** Lines dropped because more than {@link #MAX_LINES} were logged. */
    static int dropped() {
        return DROPPED.get();
    }
}
