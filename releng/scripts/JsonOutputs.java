import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For json-unchanged.sh: runs the CLI's {@code analyze FILE --format json} and {@code --depth full}
 * in this one JVM for each file named on standard input, writing FILE's output and its exit code
 * and stderr into the folder given as the argument (one JVM instead of two per file).
 */
public class JsonOutputs {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Class<?> main = Class.forName("org.crashscope.cli.Main");
        Constructor<?> create = main.getDeclaredConstructor(PrintStream.class, PrintStream.class);
        create.setAccessible(true);
        Method run = main.getDeclaredMethod("run", String[].class);
        run.setAccessible(true);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String file = in.readLine(); file != null; file = in.readLine()) {
            String name = file.replaceAll("[^A-Za-z0-9._-]", "_");
            for (boolean full : new boolean[] {false, true}) {
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                ByteArrayOutputStream e = new ByteArrayOutputStream();
                PrintStream po = new PrintStream(o, false, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, false, StandardCharsets.UTF_8);
                String[] argv = full ? new String[] {"analyze", file, "--format", "json", "--depth", "full"} : new String[] {"analyze", file, "--format", "json"};
                Object code;
                try {
                    code = run.invoke(create.newInstance(po, pe), (Object) argv);
                } catch (InvocationTargetException x) {
                    code = "threw " + x.getCause();
                }
                po.flush();
                pe.flush();
                String base = name + (full ? ".full" : "");
                Files.write(out.resolve(base + ".json"), o.toByteArray());
                Files.writeString(out.resolve(base + ".exit"), code + "\n" + e.toString(StandardCharsets.UTF_8));
            }
        }
    }
}
