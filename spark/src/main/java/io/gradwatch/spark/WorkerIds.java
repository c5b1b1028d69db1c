package io.gradwatch.spark;

import org.apache.spark.SparkEnv;
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
        return dl4jWorkerId == null ? "0" : shorten(dl4jWorkerId);
    }

    /**
     * DL4J names SharedTrainingMaster's trainers "{JVM uid}_thread_{n}"; the uid is a random UUID per
     * executor JVM, so "{executor id}-thread{n}" says the same, readably (e.g. "driver-thread1" in local mode).
     */
    static String shorten(String dl4jWorkerId) {
        int at = dl4jWorkerId.lastIndexOf("_thread_");
        SparkEnv env = SparkEnv.get();
        if (at < 0 || env == null) {
            return dl4jWorkerId;
        }
        return env.executorId() + "-thread" + dl4jWorkerId.substring(at + "_thread_".length());
    }
}
