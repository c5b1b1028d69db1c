package io.gradwatch.diagnosis;

import io.gradwatch.diagnosis.LearningProgress.State;
import io.gradwatch.report.UserMetric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 22: learning judged against chance level, with a trend test that a flat noisy series cannot pass. */
class LearningProgressTest {

    private static final int WINDOW = 10;
    private static final ChanceLevel TEN_CLASSES = ChanceLevel.of("LossMCXENT", "softmax", 10);

    /** Feeds {@code losses} (one report every 10 iterations) and returns the state after each report. */
    private static List<State> states(LearningProgress progress, double... losses) {
        History history = new History(WINDOW);
        List<State> out = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            history.begin(i * 10L);
            progress.update(history, losses[i], WINDOW);
            out.add(progress.state());
        }
        return out;
    }

    private static LearningProgress withChance() {
        LearningProgress p = new LearningProgress();
        p.chance(TEN_CLASSES);
        return p;
    }

    private static int changes(List<State> states) {
        int n = 0;
        for (int i = WINDOW; i < states.size(); i++) {
            n += states.get(i) != states.get(i - 1) ? 1 : 0;
        }
        return n;
    }

    @Test
    void unknownUntilTheWindowIsFull() {
        List<State> s = states(withChance(), 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3, 2.3);
        assertEquals(State.UNKNOWN, s.get(8));
        assertEquals(State.NOT_LEARNING, s.get(9));
    }

    @Test
    void flatNoisyLossAtChance_isNotLearning_andNeverFlips() {
        for (long seed = 1; seed <= 100; seed++) {
            Random r = new Random(seed);
            double[] losses = new double[80];
            for (int i = 0; i < losses.length; i++) {
                losses[i] = Math.log(10) + 0.05 * r.nextGaussian();
            }
            List<State> s = states(withChance(), losses);
            assertEquals(State.NOT_LEARNING, s.get(WINDOW - 1), "seed " + seed);
            assertEquals(0, changes(s), "seed " + seed + ": " + s);
        }
    }

    @Test
    void slowlyDecreasingLossNearChance_isLearning() {
        // 2.30 down to 2.12 over 40 reports, noise 0.03: never 5% below chance before the end
        Random r = new Random(7);
        double[] losses = new double[40];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = 2.30 - 0.0045 * i + 0.03 * r.nextGaussian();
        }
        List<State> s = states(withChance(), losses);
        assertEquals(State.LEARNING, s.get(s.size() - 1), s.toString());
        assertTrue(changes(s) <= 1, "at most one change, from the first judgement: " + s);
    }

    @Test
    void lossClearlyBelowChance_isLearning_atTheFirstJudgement() {
        List<State> s = states(withChance(), 2.3, 2.0, 1.8, 1.5, 1.3, 1.2, 1.0, 0.9, 0.8, 0.7);
        assertEquals(State.LEARNING, s.get(9));
    }

    @Test
    void lossBackAtChanceAfterABlowUp_isNotLearning() {
        // Adam at learning rate 1.0 on MNIST, measured: 2.30, 22.3, 6.91, 3.24, 2.73, then at chance
        List<State> s = states(withChance(), 2.30, 22.31, 6.91, 3.24, 2.73, 2.39, 2.34, 2.35, 2.28, 2.36, 2.35, 2.28,
                2.31, 2.32, 2.34);
        assertEquals(List.of(State.NOT_LEARNING), s.subList(WINDOW - 1, s.size()).stream().distinct().toList());
    }

    @Test
    void withoutChanceLevel_aLossSettlingAboveItsFirstReport_isNotLearning() {
        // DL4J's Ex1BasicSameDiffLayerExample (issue 22): 2.36, then 17.4, settling at 3.1
        double[] losses = {2.36, 17.4, 9.98, 6.0, 4.1, 3.3, 3.2, 3.1, 3.15, 3.12, 3.1, 3.13};
        List<State> s = states(new LearningProgress(), losses);
        assertEquals(State.NOT_LEARNING, s.get(s.size() - 1), s.toString());
    }

    @Test
    void withoutChanceLevel_aFallingLoss_isLearning() {
        double[] losses = new double[12];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = 10 * Math.exp(-i / 8.0);
        }
        assertEquals(State.LEARNING, states(new LearningProgress(), losses).get(11));
    }

    @Test
    void anAccuracyAtChance_outweighsALossBelowIt() {
        LearningProgress p = withChance();
        p.metric(new UserMetric("s", "0", "validation/accuracy", 50, 0, 0, 0.11));
        assertEquals(State.NOT_LEARNING, states(p, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5, 1.5).get(9));
        assertTrue(p.words().contains("validation/accuracy 0.110 against chance 0.100"), p.words());
    }

    @Test
    void words_sayWhereTheLossIsAgainstChance_withoutContradiction() {
        LearningProgress p = withChance();
        states(p, 2.31, 2.30, 2.31, 2.30, 2.31, 2.30, 2.31, 2.30, 2.31, 2.30);
        assertTrue(p.words().startsWith("the run is not learning: loss 2.30 (median of the recent reports) is at chance "
                + "level 2.30 (ln 10, 10 classes) and not decreasing"), p.words());
    }
}
