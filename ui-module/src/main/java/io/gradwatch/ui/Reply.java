package io.gradwatch.ui;

/** An HTTP status with a JSON body. */
record Reply(int status, String json) {

    static Reply ok(Json json) {
        return new Reply(200, json.toString());
    }

    static Reply notFound(String message) {
        return new Reply(404, Json.error(message));
    }

    static Reply badRequest(String message) {
        return new Reply(400, Json.error(message));
    }
}
