package io.gradwatch.example;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One of the experiment's settings: initialisation x activation, named like the TensorBoard run
 * ({@code uniform_sigmoid}, ...).
 */
public record Setting(Init init, Act act) {

    public Setting {
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(act, "act");
    }

    /** {@code <init>_<act>}: the run directory, the UI session id and the table row. */
    public String name() {
        return init.label() + "_" + act.label();
    }

    /**
     * The settings to run, in the tutorial's order (uniform before xavier, sigmoid before relu):
     * every combination of the chosen values, where null means every value.
     */
    public static List<Setting> select(Init init, Act act) {
        List<Setting> out = new ArrayList<>();
        for (Init i : Init.values()) {
            for (Act a : Act.values()) {
                if ((init == null || init == i) && (act == null || act == a)) {
                    out.add(new Setting(i, a));
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name();
    }
}
