package io.gradwatch.ui.http;

/** An HTTP status with a JSON body. */
public record Reply(int status, String json) {

    public static Reply ok(Json json) {
        return new Reply(200, json.toString());
    }

    public static Reply notFound(String message) {
        return new Reply(404, Json.error(message));
    }

    public static Reply badRequest(String message) {
        return new Reply(400, Json.error(message));
    }
}
