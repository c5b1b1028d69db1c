package io.gradwatch.spark;

import org.apache.spark.TaskContext;

/**
 * gradwatch's names for Spark workers, stable across averaging rounds and fit() calls (DL4J's own ids
 * carry a per-task counter under ParameterAveragingTrainingMaster).
 */
final class WorkerIds {

    private WorkerIds() {
    }

    /**
     * On a Spark task thread (ParameterAveragingTrainingMaster trains each worker's partition there):
     * the partition index, which names the same worker in every split. Elsewhere (the trainer threads
     * of SharedTrainingMaster): DL4J's worker id.
     */
    static String current(String dl4jWorkerId) {
        TaskContext task = TaskContext.get();
        if (task != null) {
            return Integer.toString(task.partitionId());
        }
        return dl4jWorkerId != null ? dl4jWorkerId : "0";
    }
}
