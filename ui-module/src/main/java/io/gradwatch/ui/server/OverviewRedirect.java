package io.gradwatch.ui.server;

import io.gradwatch.ui.store.Dl4jRecords;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.api.UIServer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /train/overview}, the address DL4J users know (and where DL4J's own "/" sends them), in the multi-session
 * mode gradwatch runs DL4J's server in: DL4J reads "overview" as a session id and answers "Unknown session ID".
 * This sends the browser to the overview of the session updated last ({@code /train/<session>/overview}), or to
 * DL4J's session list ({@code /train}) while there is none.
 */
final class OverviewRedirect implements Handler<RoutingContext> {

    static final String PATH = "/train/overview";

    private final UIServer server;

    OverviewRedirect(UIServer server) {
        this.server = server;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String session = latestSession(server.getStatsStorageInstances());
        String target = session == null ? "/train"
                : "/train/" + URLEncoder.encode(session, StandardCharsets.UTF_8).replace("+", "%20") + "/overview";
        ctx.response().setStatusCode(302).putHeader("Location", target).end();
    }

    /** The session with DL4J's training records (StatsListener's, or gradwatch's in that format) updated last. */
    static String latestSession(List<StatsStorage> storages) {
        String latest = null;
        long latestTime = Long.MIN_VALUE;
        for (StatsStorage storage : storages) {
            for (String session : storage.listSessionIDs()) {
                List<Persistable> updates = storage.getLatestUpdateAllWorkers(session, Dl4jRecords.TYPE_ID);
                for (Persistable p : updates) {
                    if (p.getTimeStamp() > latestTime) {
                        latestTime = p.getTimeStamp();
                        latest = session;
                    }
                }
            }
        }
        return latest;
    }
}
