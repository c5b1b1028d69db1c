package io.gradwatch.ui.server;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.Router;
import org.deeplearning4j.ui.VertxUIServer;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * DL4J's UI server (its routes, modules and storages, unchanged) listening on one interface and port.
 * DL4J's own start always listens on every interface: while its start runs, this verticle hands it a
 * Vert.x whose {@code createHttpServer()} yields a server that listens on {@code host}:{@code port}
 * whatever port DL4J asks for. Constructing it makes it DL4J's {@code VertxUIServer.getInstance()}. It also
 * answers {@code /train/overview} ({@link OverviewRedirect}).
 */
public final class BoundUiServer extends VertxUIServer {

    private final String host;
    private final int port;

    public BoundUiServer(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void start(Promise<Void> startPromise) throws Exception {
        Vertx real = vertx;
        vertx = (Vertx) Proxy.newProxyInstance(BoundUiServer.class.getClassLoader(),
                new Class<?>[]{VertxInternal.class}, new BindingVertx(real));
        try {
            super.start(startPromise);
        } finally {
            vertx = real;
        }
    }

    private final class BindingVertx implements InvocationHandler {
        private final Vertx real;

        BindingVertx(Vertx real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            if (m.getName().equals("createHttpServer") && m.getParameterCount() == 0) {
                HttpServer s = real.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
                return Proxy.newProxyInstance(BoundUiServer.class.getClassLoader(), new Class<?>[]{HttpServer.class},
                        new BindingServer(s, BoundUiServer.this));
            }
            return call(real, m, args);
        }
    }

    /**
     * Turns DL4J's {@code listen(port, handler)} into a listen on the configured host and port, and puts
     * {@link OverviewRedirect} in front of DL4J's routes when DL4J hands its router over.
     */
    private static final class BindingServer implements InvocationHandler {
        private final HttpServer real;
        private final VertxUIServer ui;

        BindingServer(HttpServer real, VertxUIServer ui) {
            this.real = real;
            this.ui = ui;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            if (m.getName().equals("listen") && args != null && args.length == 2 && args[0] instanceof Integer
                    && args[1] instanceof io.vertx.core.Handler<?> h) {
                real.listen((io.vertx.core.Handler<io.vertx.core.AsyncResult<HttpServer>>) h);
                return proxy;
            }
            if (m.getName().equals("requestHandler") && args != null && args.length == 1
                    && args[0] instanceof Router router) {
                router.get(OverviewRedirect.PATH).order(-1).handler(new OverviewRedirect(ui));
            }
            Object r = call(real, m, args);
            return r == real ? proxy : r;
        }
    }

    private static Object call(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
