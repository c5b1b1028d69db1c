package io.gradwatch.offline;

import io.gradwatch.report.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DiagnosisTextTest {

    static final List<RunView.Layer> LAYERS = List.of(new RunView.Layer("layer0", 0, "DenseLayer", "sigmoid"),
            new RunView.Layer("layer6", 1, "OutputLayer", "softmax"));

    /** Texts as the example's uniform_sigmoid run wrote them (shortened messages). */
    static final String AT_90 = """
            **Iteration 90**

            - started, WARNING: layer0/W: gradient RMS 9.5e-09 is 6.1 decades below the output layer layer6/W (1.3e-02); past the threshold 3.00 decades: vanishing gradient. Common remedies: relu-like activations.
            - started, WARNING: layer6/W: update:weight ratio 5.2e-02 is above the useful range [1.0e-04, 1.0e-02]. The learning rate is too high for this layer; the loss is not decreasing.
            - started, WARNING: layer6 (output layer), loss of the whole network: the loss is not decreasing (median 2.32); the network is not learning. Check the other verdicts first; then the learning rate (too low or 0), the labels.

            In force: 3 verdict(s)
            - WARNING since iteration 90: layer0/W: gradient RMS 9.5e-09 is 6.1 decades below the output layer: vanishing gradient.
            - WARNING since iteration 90: layer6/W: update:weight ratio 5.2e-02 is above the useful range. The learning rate is too high for this layer.
            - WARNING since iteration 90: layer6 (output layer), loss of the whole network: the loss is not decreasing (median 2.32).
            """;
    static final String AT_200 = """
            **Iteration 200**

            - resolved, WARNING: VANISHING_GRADIENT:layer0/W (since iteration 90) ended

            In force: 1 verdict(s)
            - WARNING since iteration 90: layer6 (output layer), loss of the whole network: the loss is not decreasing (median 2.32).
            """;

    @Test
    void diagnosisTexts_giveTheTimeline_theVerdictsInForceAtTheLastText_withLayerParameterAndProblem() {
        DiagnosisText.Verdicts v = DiagnosisText.parse(List.of(new RunData.Text(90, 1, AT_90),
                new RunData.Text(200, 2, AT_200)), LAYERS);
        assertEquals(4, v.timeline().size());
        DiagnosisText.Entry vanishing = v.timeline().get(0);
        assertEquals(List.of("started", "WARNING", 90L, "layer0", "W", Verdict.Problem.VANISHING_GRADIENT),
                List.of(vanishing.event(), vanishing.severity(), vanishing.firstIteration(), vanishing.layer(),
                        vanishing.param(), vanishing.problem()));
        assertEquals(Verdict.Problem.LEARNING_RATE_TOO_HIGH, v.timeline().get(1).problem(),
                "'the learning rate is too high' names the problem though its words are not adjacent");
        DiagnosisText.Entry loss = v.timeline().get(2);
        assertEquals(List.of("layer6", Verdict.Problem.LOSS_NOT_DECREASING), List.of(loss.layer(), loss.problem()),
                "the problem the message names first, not a remedy it mentions later ('learning rate (too low or 0)')");
        assertNull(loss.param());
        DiagnosisText.Entry ended = v.timeline().get(3);
        assertEquals(List.of("ended", 200L, 90L, "layer0", "W", Verdict.Problem.VANISHING_GRADIENT),
                List.of(ended.event(), ended.iteration(), ended.firstIteration(), ended.layer(), ended.param(),
                        ended.problem()));
        assertEquals(1, v.active().size());
        assertEquals(Verdict.Problem.LOSS_NOT_DECREASING, v.active().get(0).problem());
        assertEquals(90L, v.active().get(0).firstIteration());
    }

    @Test
    void notLearningMessage_ofTheChanceLevelDiagnosis_isTheLossVerdict() {
        // issue 22's wording: the problem first, the learning rate only among the remedies
        assertEquals(Verdict.Problem.LOSS_NOT_DECREASING, DiagnosisText.problemOf("layer6: the whole network (this is "
                + "its output layer) is not learning: loss 2.30 (median of the recent reports) is at chance level 2.30 "
                + "(ln 10, 10 classes) and not decreasing. Check the other verdicts first; then the learning rate (too "
                + "high or too low)"));
    }

    @Test
    void messageWithoutAProblemsWords_hasNoProblem() {
        assertNull(DiagnosisText.problemOf("layer0/W: something new happened"));
    }
}
