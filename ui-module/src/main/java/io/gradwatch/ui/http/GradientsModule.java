package io.gradwatch.ui.http;

import io.gradwatch.ui.store.BinaryRecord;
import io.gradwatch.ui.store.SessionStore;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.ui.api.HttpMethod;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Gradients page as a DL4J UI module, found by DL4J's UIServer through ServiceLoader. Serves
 * {@code /gradients} and read-only JSON under {@code /gradients/api/}. Handlers never block the
 * Vert.x event loop: each request's storage reads run in {@code executeBlocking} on a worker.
 */
public final class GradientsModule implements UIModule {

    private final SessionStore store = new SessionStore();
    private final GradientsApi api = new GradientsApi(store);
    private final String page = PageAssets.servedPage();

    @Override
    public List<String> getCallbackTypeIDs() {
        return List.of(BinaryRecord.TYPE_ID);
    }

    @Override
    public List<Route> getRoutes() {
        return List.of(
                new Route("/gradients", HttpMethod.GET, (args, ctx) -> html(ctx)),
                new Route("/gradients/", HttpMethod.GET, (args, ctx) -> html(ctx)),
                new Route("/gradients/assets/:file", HttpMethod.GET, (args, ctx) -> asset(ctx, args)),
                api("/gradients/api/sessions", q -> api.sessions()),
                api("/gradients/api/layers", api::layers),
                api("/gradients/api/series", api::series),
                api("/gradients/api/depth", api::depth),
                api("/gradients/api/heatmap", api::heatmap),
                api("/gradients/api/verdicts", api::verdicts));
    }

    private Route api(String path, Function<Map<String, String>, Reply> handler) {
        return new Route(path, HttpMethod.GET, (args, ctx) -> {
            Map<String, String> query = new HashMap<>();
            ctx.request().params().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
            ctx.vertx().<Reply>executeBlocking(promise -> {
                try {
                    promise.complete(handler.apply(query));
                } catch (RuntimeException e) {
                    promise.fail(e);
                }
            }, false, result -> {
                Reply reply = result.succeeded() ? result.result()
                        : new Reply(500, Json.error(String.valueOf(result.cause())));
                send(ctx, reply.status(), "application/json; charset=utf-8", reply.json());
            });
        });
    }

    /**
     * The page's own script and style, answered at once: 200 with the file, or 404 for any other name
     * (DL4J's /assets/ handler leaves a request for a missing file unanswered).
     */
    private static void asset(RoutingContext ctx, List<String> args) {
        String name = args.isEmpty() ? "" : args.get(0);
        String type = name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : null;
        byte[] body = type == null || !name.matches("[a-z0-9_-]+\\.(js|css)") ? null : ASSETS.get(name);
        if (body == null) {
            send(ctx, 404, "text/plain; charset=utf-8", "gradwatch has no asset '" + name + "'");
            return;
        }
        HttpServerResponse r = ctx.response();
        r.setStatusCode(200).putHeader("Content-Type", type).putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff").end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    /** The page's assets, read once from the jar. */
    private static final Map<String, byte[]> ASSETS = loadAssets();

    private static Map<String, byte[]> loadAssets() {
        Map<String, byte[]> m = new HashMap<>();
        m.put(PageAssets.STYLE, PageAssets.bytes(PageAssets.DIR + PageAssets.STYLE));
        PageAssets.SCRIPTS.forEach(s -> m.put(s, PageAssets.bytes(PageAssets.DIR + s)));
        return Map.copyOf(m);
    }

    private void html(RoutingContext ctx) {
        send(ctx, 200, "text/html; charset=utf-8", page);
    }

    private static void send(RoutingContext ctx, int status, String type, String body) {
        HttpServerResponse r = ctx.response();
        if (r.closed() || r.ended()) {
            return;
        }
        r.setStatusCode(status).putHeader("Content-Type", type).putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff").end(body);
    }

    @Override
    public void reportStorageEvents(Collection<StatsStorageEvent> events) {
        // The page polls; nothing to push.
    }

    @Override
    public void onAttach(StatsStorage statsStorage) {
        store.attach(statsStorage);
    }

    @Override
    public void onDetach(StatsStorage statsStorage) {
        store.detach(statsStorage);
    }

    @Override
    public List<I18NResource> getInternationalizationResources() {
        return List.of();
    }
}
