package io.gradwatch.spark;

import io.gradwatch.testing.TestNetworks;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

/** A local[2] Spark context for tests: no Spark UI, driver on the loopback address. */
final class LocalSpark {

    private LocalSpark() {
    }

    static JavaSparkContext start(String name) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName(name)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        return new JavaSparkContext(conf);
    }

    /** {@code examples} examples in DataSets of {@code batch} each, in 2 partitions. */
    static JavaRDD<DataSet> batches(JavaSparkContext sc, long seed, int examples, int batch) {
        return sc.parallelize(TestNetworks.data(seed, examples, 12, 3).batchBy(batch), 2);
    }

    /** {@code examples} one-example DataSets of TestNetworks' 12-feature, 3-class data, in 2 partitions. */
    static JavaRDD<DataSet> data(JavaSparkContext sc, long seed, int examples) {
        List<DataSet> single = TestNetworks.data(seed, examples, 12, 3).asList();
        return sc.parallelize(single, 2);
    }
}
