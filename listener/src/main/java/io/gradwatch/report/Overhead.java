package io.gradwatch.report;

import java.io.Serializable;

/**
 * What gradwatch itself cost, published with every report so that the monitor is never a hidden cost.
 *
 * @param trainingThreadMillis time the training thread spent inside gradwatch for this step
 *                             (copying arrays and handing them over), in milliseconds
 * @param analysisMillis       time gradwatch's analysis thread spent computing this report
 * @param overheadFraction     training-thread time in gradwatch since the previous report divided by the
 *                             wall time between the two; NaN for a worker's first report
 * @param backpressureMillis   total time, since the start, that training waited because the analysis
 *                             thread was behind (0 when the analysis keeps up)
 * @param sinkFailures         sink calls that threw since the start (each sink logs its first failure)
 */
public record Overhead(double trainingThreadMillis, double analysisMillis, double overheadFraction,
                       double backpressureMillis, long sinkFailures) implements Serializable {
}
