package io.gradwatch.ui.store;

import io.gradwatch.report.Verdict;
import io.gradwatch.storage.StorageRecord;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A gradwatch record in the UI's storage: {@link StorageRecord}'s encoding under the UI's type id, and the
 * verdict lists that both of the UI's records carry. Subclasses keep a public no-argument constructor: DL4J's
 * FileStatsStorage and remote receiver re-create records by class name, then call {@code decode}.
 */
public abstract class BinaryRecord extends StorageRecord {

    /** The type id of gradwatch's records in a DL4J storage (its UI module listens to it). */
    public static final String TYPE_ID = "GradWatch";

    private static final long serialVersionUID = 1L;

    @Override
    public String getTypeID() {
        return BinaryRecord.TYPE_ID;
    }

    public static void writeVerdicts(DataOutputStream out, List<Verdict> vs) throws IOException {
        out.writeInt(vs.size());
        for (Verdict v : vs) {
            writeString(out, v.problem().name());
            writeString(out, v.severity().name());
            writeString(out, v.layer());
            writeString(out, v.parameter());
            out.writeLong(v.firstIteration());
            out.writeDouble(v.measured());
            writeString(out, v.message());
        }
    }

    public static List<Verdict> readVerdicts(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == 0) {
            return List.of();
        }
        List<Verdict> vs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String problem = readString(in);
            String severity = readString(in);
            String layer = readString(in);
            String param = readString(in);
            long first = in.readLong();
            double measured = in.readDouble();
            String message = readString(in);
            vs.add(new Verdict(Verdict.Problem.valueOf(problem), Verdict.Severity.valueOf(severity), layer, param, first, measured, message));
        }
        return List.copyOf(vs);
    }
}
